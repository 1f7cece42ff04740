/**
 * @module
 * Builds `GET {P}/config`: the app's components, layout and dependencies in
 * Gradio's shape, so `@gradio/client` and `gradio_client` can map endpoint
 * names to `fn_index` and component ids.
 *
 * @example
 * ```ts
 * const json = buildConfig(app, { root: "http://localhost:8000/demos/greet", appId: 1 });
 * json.protocol; // "sse_v3"
 * ```
 */
import type { LayoutNode } from "../blocks/blocks.ts";
import type { BlocksApp } from "../blocks/blocks_app.ts";
import { listEndpoints } from "./endpoints.ts";
import { wireSchema } from "./api_info.ts";
import {
  type ComponentModel,
  configToWire,
  type DependencyModel,
  type LayoutModel,
} from "./wire.ts";

/** The Gradio version this adapter speaks (the 5.x wire layout; must be > 3.36.1 for `gradio_client`). */
export const GRADIO_VERSION = "5.49.1";

/** Where Gradio 5+ puts its API routes under the app's path. */
export const API_PREFIX = "/gradio_api";

/** Per-request facts for {@link buildConfig}. */
export interface ConfigContext {
  /** Absolute URL of the app, no trailing slash (e.g. `https://host/demos/greet`). */
  root: string;
  /** Changes on every server start, like Gradio's. */
  appId: number;
  /** Upload limit in bytes. */
  maxFileSize?: number;
}

/** The `/config` JSON of `app`. */
export function buildConfig(
  app: BlocksApp,
  ctx: ConfigContext,
): Record<string, unknown> {
  const components: ComponentModel[] = [];
  for (const [id, spec] of app.components) {
    let apiInfo: Record<string, unknown> | undefined;
    let example: unknown;
    try {
      apiInfo = wireSchema(spec.apiInfo());
      example = spec.examplePayload();
    } catch {
      apiInfo = undefined;
    }
    components.push({
      id,
      type: spec.type,
      props: { ...spec.props, interactive: app.isInteractive(id) },
      skipApi: false,
      apiInfo,
      exampleInputs: example === undefined ? undefined : jsonSafe(example),
    });
  }
  collectContainers(app.layout, components);

  const endpoints = listEndpoints(app);
  const dependencies: DependencyModel[] = app.dependencies.map((d) => ({
    id: d.id,
    targets: d.targets.map((t) => [t.id, t.event] as [number, string]),
    inputs: d.inputs,
    outputs: d.outputs,
    apiName: d.apiName,
    queue: true,
    showApi: d.apiName !== null,
    visibility: d.apiName !== null ? "public" : "private",
    description: d.description,
    timeLimitS: d.timeLimitMs / 1000,
    concurrencyLimit: d.concurrencyLimit,
  }));
  for (const e of endpoints) {
    if (!e.alias) continue;
    dependencies.push({
      id: e.fnIndex,
      targets: [],
      inputs: e.dep.inputs,
      outputs: e.dep.outputs,
      apiName: e.name,
      queue: true,
      showApi: false,
      visibility: "undocumented",
      description: e.dep.description,
      timeLimitS: e.dep.timeLimitMs / 1000,
      concurrencyLimit: e.dep.concurrencyLimit,
    });
  }

  return configToWire({
    version: GRADIO_VERSION,
    mode: "blocks",
    title: app.title,
    description: app.description,
    root: ctx.root,
    apiPrefix: API_PREFIX,
    components,
    dependencies,
    layout: toLayout(app.layout),
    maxFileSize: ctx.maxFileSize ?? app.maxFileBytes,
    appId: ctx.appId,
  });
}

function collectContainers(node: LayoutNode, out: ComponentModel[]) {
  if (node.kind !== "container") return;
  if (node.type !== "blocks") {
    out.push({
      id: node.id,
      type: node.type,
      props: { ...node.props },
      skipApi: true,
    });
  }
  for (const c of node.children) collectContainers(c, out);
}

function toLayout(node: LayoutNode): LayoutModel {
  if (node.kind === "component") return { id: node.id };
  return { id: node.id, children: node.children.map(toLayout) };
}

function jsonSafe(v: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(v));
  } catch {
    return undefined;
  }
}

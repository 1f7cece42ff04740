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
import { gradioComponent, gradioContainerProps } from "./component_props.ts";
import { BODY_CSS, THEME_HASH } from "./theme.ts";
import {
  type ComponentModel,
  configToWire,
  type DependencyModel,
  type LayoutModel,
} from "./wire.ts";

/**
 * The Gradio version this adapter reports: component props follow its
 * component classes (`component_props.ts`, which also sends the 5.49.1 props
 * 6 dropped, for Gradio 5's web component); must be > 3.36.1 for
 * `gradio_client`.
 */
export const GRADIO_VERSION = "6.25.0";

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
    const gradio = gradioComponent(
      spec,
      app.isInteractive(id),
      (other) => app.components.get(other),
    );
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
      type: gradio.type,
      props: gradio.props,
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

  dependencies.push(
    ...browserDependencies(
      app,
      endpoints.length
        ? Math.max(
          app.dependencies.length,
          ...endpoints.map((e) => e.fnIndex + 1),
        )
        : app.dependencies.length,
    ),
  );

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
    themeHash: THEME_HASH,
    bodyCss: BODY_CSS,
  });
}

/**
 * What the kit does in the browser, as Gradio's browser-only dependencies
 * (`js=`, no backend function), numbered from `firstId`: a Clear button
 * resets its targets to their initial values (Gradio's `ClearButton`), a
 * click on an Examples row copies the sample into the inputs.
 */
function browserDependencies(
  app: BlocksApp,
  firstId: number,
): DependencyModel[] {
  const out: DependencyModel[] = [];
  const dep = (
    trigger: number,
    inputs: number[],
    outputs: number[],
    js: string,
  ) =>
    out.push({
      id: firstId + out.length,
      targets: [[trigger, "click"]],
      inputs,
      outputs,
      apiName: null,
      queue: false,
      showApi: false,
      visibility: "private",
      timeLimitS: null,
      concurrencyLimit: 1,
      js,
      backendFn: false,
    });
  for (const [id, spec] of app.components) {
    const targets = spec.props.clears;
    if (Array.isArray(targets) && targets.length) {
      const initial = targets.map((t: number) => {
        const g = app.components.get(t);
        return g ? gradioComponent(g, true).props.value ?? null : null;
      });
      dep(id, [], targets, `() => ${JSON.stringify(initial)}`);
    }
    const fills = spec.props.components;
    if (spec.type === "dataset" && Array.isArray(fills) && fills.length) {
      const samples = JSON.stringify(spec.props.samples ?? []);
      dep(id, [id], fills, `(i) => ${samples}[i] ?? []`);
    }
  }
  return out;
}

function collectContainers(node: LayoutNode, out: ComponentModel[]) {
  if (node.kind !== "container") return;
  if (node.type !== "blocks") {
    out.push({
      id: node.id,
      type: node.type,
      props: gradioContainerProps(node.type, node.props),
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

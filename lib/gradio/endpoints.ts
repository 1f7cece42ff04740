/**
 * @module
 * The endpoints a Blocks app exposes to Gradio clients: one per dependency
 * with an `apiName`, plus its aliases (e.g. Interface's old `/predict`),
 * each with a `fn_index` (aliases get ids after the real dependencies).
 *
 * @example
 * ```ts
 * const eps = listEndpoints(app);
 * eps.find((e) => e.name === "greet")?.fnIndex; // 0
 * ```
 */
import type { Dependency } from "../blocks/blocks.ts";
import type { BlocksApp } from "../blocks/blocks_app.ts";
import { schemaHasFiles } from "./file_data.ts";

/** One callable endpoint. */
export interface Endpoint {
  /** Name without the leading slash. */
  name: string;
  /** The id clients send as `fn_index`. */
  fnIndex: number;
  dep: Dependency;
  /** True for an alias (kept callable, left out of the docs). */
  alias: boolean;
  /** Per input: whether the component takes files. */
  fileInputs: boolean[];
}

/** Every endpoint of `app`: named dependencies first (fnIndex = dependency id), then aliases. */
export function listEndpoints(app: BlocksApp): Endpoint[] {
  const out: Endpoint[] = [];
  const fileInputs = (dep: Dependency) =>
    dep.inputs.map((id) => {
      const spec = app.components.get(id);
      return !!spec && schemaHasFiles(spec.apiInfo());
    });
  for (const dep of app.dependencies) {
    if (dep.apiName === null) continue;
    out.push({
      name: dep.apiName,
      fnIndex: dep.id,
      dep,
      alias: false,
      fileInputs: fileInputs(dep),
    });
  }
  let next = app.dependencies.length;
  for (const dep of app.dependencies) {
    if (dep.apiName === null) continue;
    for (const a of dep.aliases) {
      if (out.some((e) => e.name === a)) continue;
      out.push({
        name: a,
        fnIndex: next++,
        dep,
        alias: true,
        fileInputs: fileInputs(dep),
      });
    }
  }
  return out;
}

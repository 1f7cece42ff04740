/**
 * @module
 * Reading the model files from disk (server side; the browser fetches them).
 */
import { type ModelManifest, parseManifest } from "./manifest.ts";

/** Where the shipped model lives, relative to the project root. */
export const DEFAULT_MODEL_DIR = new URL(
  "../../static/model/",
  import.meta.url,
);

/**
 * Reads and validates `manifest.json` plus the model bytes from a directory URL.
 *
 * @example
 * ```ts
 * const { manifest, model } = await loadModelFiles(DEFAULT_MODEL_DIR);
 * ```
 */
export async function loadModelFiles(
  dir: URL = DEFAULT_MODEL_DIR,
): Promise<{ manifest: ModelManifest; model: Uint8Array }> {
  const manifest = parseManifest(
    JSON.parse(await Deno.readTextFile(new URL("manifest.json", dir))),
  );
  const model = await Deno.readFile(new URL(manifest.file, dir));
  return { manifest, model };
}

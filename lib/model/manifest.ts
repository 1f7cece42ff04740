/**
 * @module
 * The model manifest: everything the app needs to know to feed a segmentation
 * model and to read its output, so another ONNX model can be swapped in by
 * configuration alone.
 */

/** One output class of the model, in logits channel order. */
export interface ModelClass {
  /** Class name shown to people and in the API, e.g. `"pet"`. */
  name: string;
  /** Gray level (0–255) this class gets in the mask PNG. */
  value: number;
}

/** Parsed `manifest.json` next to the `.onnx` file. */
export interface ModelManifest {
  name: string;
  version: string;
  /** The `.onnx` file name, relative to the manifest. */
  file: string;
  input: {
    /** Graph input name. */
    name: string;
    width: number;
    height: number;
    /** Per-channel RGB mean on 0..1 values. */
    mean: [number, number, number];
    /** Per-channel RGB standard deviation on 0..1 values. */
    std: [number, number, number];
  };
  output: { name: string };
  classes: ModelClass[];
  params?: number;
  trainedOn?: string;
  /** Average the logits of the photo and its mirror image (two runs per photo). */
  testTimeFlip?: boolean;
}

/** Thrown when a manifest is missing fields or holds impossible values. */
export class ManifestError extends Error {
  override name = "ManifestError";
}

function need(cond: unknown, what: string): asserts cond {
  if (!cond) throw new ManifestError(`Invalid model manifest: ${what}`);
}

const isNum = (v: unknown): v is number =>
  typeof v === "number" && Number.isFinite(v);

/**
 * Validates untrusted JSON as a {@link ModelManifest}.
 *
 * @example
 * ```ts
 * const m = parseManifest(JSON.parse(await Deno.readTextFile("static/model/manifest.json")));
 * m.classes.map((c) => c.name); // ["pet", "background", "border"]
 * ```
 */
export function parseManifest(json: unknown): ModelManifest {
  const m = json as ModelManifest;
  need(m && typeof m === "object", "not an object");
  need(typeof m.name === "string", "name");
  need(typeof m.version === "string", "version");
  need(typeof m.file === "string" && /^[\w.-]+\.onnx$/.test(m.file), "file");
  const i = m.input;
  need(i && typeof i.name === "string", "input.name");
  need(
    Number.isInteger(i.width) && i.width >= 8 && i.width <= 2048,
    "input.width",
  );
  need(
    Number.isInteger(i.height) && i.height >= 8 && i.height <= 2048,
    "input.height",
  );
  need(
    Array.isArray(i.mean) && i.mean.length === 3 && i.mean.every(isNum),
    "input.mean",
  );
  need(
    Array.isArray(i.std) && i.std.length === 3 &&
      i.std.every((s) => isNum(s) && s > 0),
    "input.std",
  );
  need(m.output && typeof m.output.name === "string", "output.name");
  need(
    Array.isArray(m.classes) && m.classes.length >= 2 &&
      m.classes.length <= 255,
    "classes",
  );
  for (const c of m.classes) {
    need(typeof c.name === "string" && c.name.length > 0, "class name");
    need(
      Number.isInteger(c.value) && c.value >= 0 && c.value <= 255,
      `class ${c.name} value`,
    );
  }
  need(
    m.testTimeFlip === undefined || typeof m.testTimeFlip === "boolean",
    "testTimeFlip",
  );
  return m;
}

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
  /**
   * @param field The field at fault, as a path: `"input.width"`, `"classes[1].value"`.
   * @param problem What it must be, and what it holds.
   */
  constructor(readonly field: string, readonly problem: string) {
    super(`Invalid model manifest: "${field}" ${problem}`);
  }
}

/** ` (got 160)`, ` (missing)`: what a field holds, briefly. */
function got(v: unknown): string {
  if (v === undefined) return " (missing)";
  const s = JSON.stringify(v) ?? String(v);
  return ` (got ${s.length > 40 ? `${s.slice(0, 37)}…` : s})`;
}

function need(
  cond: unknown,
  field: string,
  rule: string,
  value: unknown,
): asserts cond {
  if (!cond) throw new ManifestError(field, `${rule}${got(value)}`);
}

const isNum = (v: unknown): v is number =>
  typeof v === "number" && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates untrusted JSON as a {@link ModelManifest}; a
 * {@link ManifestError} names the first field at fault and what it must be.
 *
 * @example
 * ```ts
 * const m = parseManifest(JSON.parse(await Deno.readTextFile("static/model/manifest.json")));
 * m.classes.map((c) => c.name); // ["pet", "background", "border"]
 * parseManifest({ ...m, input: { ...m.input, width: "176" } });
 * // throws ManifestError: Invalid model manifest: "input.width" must be an integer from 8 to 2048 (got "176")
 * ```
 */
export function parseManifest(json: unknown): ModelManifest {
  if (!isObj(json)) {
    throw new ManifestError("manifest", `must be a JSON object${got(json)}`);
  }
  const m = json as unknown as ModelManifest;
  need(typeof m.name === "string", "name", "must be a string", m.name);
  need(
    typeof m.version === "string",
    "version",
    "must be a string",
    m.version,
  );
  need(
    typeof m.file === "string" && /^[\w.-]+\.onnx$/.test(m.file),
    "file",
    'must name the .onnx file in the same folder, e.g. "model.onnx"',
    m.file,
  );
  const i = m.input as unknown;
  need(
    isObj(i),
    "input",
    "must be an object with name, width, height, mean and std",
    i,
  );
  need(
    typeof i.name === "string",
    "input.name",
    "must be the name of the graph's input (a string)",
    i.name,
  );
  for (const side of ["width", "height"] as const) {
    need(
      Number.isInteger(i[side]) && (i[side] as number) >= 8 &&
        (i[side] as number) <= 2048,
      `input.${side}`,
      "must be an integer from 8 to 2048 (pixels the model takes)",
      i[side],
    );
  }
  need(
    Array.isArray(i.mean) && i.mean.length === 3 && i.mean.every(isNum),
    "input.mean",
    "must be 3 numbers (per-channel RGB mean on 0..1 values)",
    i.mean,
  );
  need(
    Array.isArray(i.std) && i.std.length === 3 &&
      i.std.every((s) => isNum(s) && s > 0),
    "input.std",
    "must be 3 numbers above 0 (per-channel RGB standard deviation on 0..1 values)",
    i.std,
  );
  const o = m.output as unknown;
  need(isObj(o), "output", "must be an object with the output's name", o);
  need(
    typeof o.name === "string",
    "output.name",
    "must be the name of the graph's output (a string)",
    o.name,
  );
  need(
    Array.isArray(m.classes) && m.classes.length >= 2 &&
      m.classes.length <= 255,
    "classes",
    'must be a list of 2 to 255 {"name", "value"} entries, in the output\'s channel order',
    m.classes,
  );
  const names = new Set<string>();
  const values = new Set<number>();
  m.classes.forEach((c: unknown, k) => {
    const at = `classes[${k}]`;
    need(isObj(c), at, 'must be an object {"name", "value"}', c);
    need(
      typeof c.name === "string" && c.name.length > 0,
      `${at}.name`,
      "must be a non-empty string",
      c.name,
    );
    need(
      !names.has(c.name),
      `${at}.name`,
      "must differ from the other classes' names",
      c.name,
    );
    names.add(c.name);
    need(
      Number.isInteger(c.value) && (c.value as number) >= 0 &&
        (c.value as number) <= 255,
      `${at}.value`,
      "must be an integer gray level from 0 to 255 (the class's shade in the mask)",
      c.value,
    );
    need(
      !values.has(c.value as number),
      `${at}.value`,
      "must differ from the other classes' gray levels",
      c.value,
    );
    values.add(c.value as number);
  });
  need(
    m.params === undefined || isNum(m.params),
    "params",
    "must be a number when given",
    m.params,
  );
  need(
    m.testTimeFlip === undefined || typeof m.testTimeFlip === "boolean",
    "testTimeFlip",
    "must be true or false when given",
    m.testTimeFlip,
  );
  return m;
}

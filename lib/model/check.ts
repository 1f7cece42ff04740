/**
 * @module
 * The start-up check of the model folder (`MODEL_DIR`, default
 * `static/model/`): before the server listens, on the main thread, it makes
 * sure the server may read the folder, that `manifest.json` is valid and that
 * the `.onnx` graph takes and gives what the manifest says (input name, RGB,
 * width and height; output name, one channel per class). Anything wrong
 * stops the start with one line that names the field or says what to do —
 * instead of a server that answers 503 forever.
 *
 * The server may read only inside the folder it starts in (`deno task start`
 * grants `--allow-read=.`, the same set Deno Deploy allows), so a model
 * folder must live inside the app's folder, e.g. under `./models/`.
 */
import {
  ManifestError,
  type ModelManifest,
  parseManifest,
} from "./manifest.ts";
import {
  ONNX_TYPES,
  OnnxFormatError,
  type OnnxValueInfo,
  readOnnxGraphInfo,
} from "./onnx_info.ts";
import { DEFAULT_MODEL_DIR } from "./load.ts";

/** The model folder cannot be used; the message is one line saying why and what to do. */
export class ModelSetupError extends Error {
  override name = "ModelSetupError";
}

/**
 * The model folder for a `MODEL_DIR` value: relative paths start at the
 * current directory; unset means the shipped `static/model/`.
 *
 * @example
 * ```ts
 * resolveModelDir("models/mine").href; // "file:///…/app/models/mine/"
 * ```
 */
export function resolveModelDir(setting?: string, cwd = Deno.cwd()): URL {
  if (!setting) return DEFAULT_MODEL_DIR;
  return new URL(
    setting.replace(/\/?$/, "/"),
    `file://${cwd.replace(/\/?$/, "/")}`,
  );
}

const shape = (dims: OnnxValueInfo["dims"]) =>
  dims?.map((d) => d ?? "?").join("×") ?? "of unknown shape";

const canRead = async (dir: URL) => {
  try {
    return (await Deno.permissions.query({ name: "read", path: dir }))
      .state === "granted";
  } catch {
    return true; // No permissions API here: the reads below will tell.
  }
};

/**
 * Checks the model folder; resolves with its manifest, or rejects with a
 * {@link ModelSetupError} whose message is one line.
 *
 * @param setting The `MODEL_DIR` value as the user gave it (unset: the shipped model).
 *
 * @example
 * ```ts
 * await checkModelDir("models/mine");
 * // ModelSetupError: models/mine/manifest.json: "input.width" is 160, but the graph's input "input" is 1×3×176×176 (N×C×H×W); set it to 176
 * ```
 */
export async function checkModelDir(
  setting?: string,
  cwd = Deno.cwd(),
): Promise<ModelManifest> {
  const dir = resolveModelDir(setting, cwd);
  const shown = setting ? setting.replace(/\/$/, "") : "static/model";
  const fail = (msg: string): never => {
    throw new ModelSetupError(msg);
  };
  const outside = (): never => {
    if (!setting) return fail(`the server may not read ${shown}`);
    const name = decodeURIComponent(dir.pathname).replace(/\/$/, "")
      .split("/").pop() || "my-model";
    return fail(
      `MODEL_DIR=${setting} is outside the app's folder ${cwd}, and the server may read only inside it (deno task start grants --allow-read=.); move or copy the model folder under ./models/ (e.g. ./models/${name}) and start with MODEL_DIR=models/${name}`,
    );
  };
  const read = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) {
        return fail(
          what === "folder"
            ? `MODEL_DIR=${setting}: no such folder (relative paths start at ${cwd}); put manifest.json and the .onnx file it names in it`
            : `${shown} has no ${what}; the folder needs manifest.json (fields as in static/model/manifest.json) and the .onnx file it names`,
        );
      }
      if (
        err instanceof Deno.errors.NotCapable ||
        err instanceof Deno.errors.PermissionDenied
      ) {
        return outside();
      }
      return fail(`${shown}: cannot read ${what} (${(err as Error).message})`);
    }
  };

  if (setting && !await canRead(dir)) outside();
  const stat = await read("folder", () => Deno.stat(dir));
  if (!stat.isDirectory) {
    fail(
      `MODEL_DIR=${setting} is a file, not a folder; point it at the folder holding manifest.json and the .onnx file`,
    );
  }
  const raw = await read(
    "manifest.json",
    () => Deno.readTextFile(new URL("manifest.json", dir)),
  );
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    fail(
      `${shown}/manifest.json is not valid JSON (${(err as Error).message})`,
    );
  }
  let m: ModelManifest;
  try {
    m = parseManifest(json);
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return fail(`${shown}/manifest.json: "${err.field}" ${err.problem}`);
  }
  const bytes = await read(
    m.file,
    () => Deno.readFile(new URL(m.file, dir)),
  );
  let graph;
  try {
    graph = readOnnxGraphInfo(bytes);
  } catch (err) {
    if (!(err instanceof OnnxFormatError)) throw err;
    return fail(
      `${shown}/${m.file} (named by "file" in manifest.json) is not an ONNX model: ${err.message}`,
    );
  }
  const field = (name: string, problem: string) =>
    fail(`${shown}/manifest.json: "${name}" ${problem}`);
  const names = (list: OnnxValueInfo[]) => list.map((v) => v.name).join(", ");

  const input = graph.inputs.find((v) => v.name === m.input.name);
  if (!input) {
    return field(
      "input.name",
      `is "${m.input.name}", but the graph's inputs are: ${
        names(graph.inputs)
      }`,
    );
  }
  const inShape = `the graph's input "${input.name}" is ${
    shape(input.dims)
  } (N×C×H×W)`;
  if (input.elemType && input.elemType !== 1) {
    field(
      "input.name",
      `names an input of ${
        ONNX_TYPES[input.elemType] ?? `type ${input.elemType}`
      }, but the app feeds float32`,
    );
  }
  if (input.dims) {
    const [n, c, h, w] = input.dims;
    const fixed = (d: unknown): d is number => typeof d === "number";
    if (
      input.dims.length !== 4 || (fixed(n) && n !== 1) || (fixed(c) && c !== 3)
    ) {
      field(
        "input.name",
        `names the graph's input "${input.name}", which is ${
          shape(input.dims)
        }; the app feeds one RGB photo (1×3×H×W)`,
      );
    }
    if (fixed(w) && w !== m.input.width) {
      field(
        "input.width",
        `is ${m.input.width}, but ${inShape}; set it to ${w}`,
      );
    }
    if (fixed(h) && h !== m.input.height) {
      field(
        "input.height",
        `is ${m.input.height}, but ${inShape}; set it to ${h}`,
      );
    }
  }
  const output = graph.outputs.find((v) => v.name === m.output.name);
  if (!output) {
    return field(
      "output.name",
      `is "${m.output.name}", but the graph's outputs are: ${
        names(graph.outputs)
      }`,
    );
  }
  if (output.dims && output.dims.length === 4) {
    const [, c, h, w] = output.dims;
    const outShape = `the graph's output "${output.name}" is ${
      shape(output.dims)
    }`;
    if (typeof c === "number" && c !== m.classes.length) {
      field(
        "classes",
        `lists ${m.classes.length} classes, but ${outShape}: one class per channel (${c})`,
      );
    }
    if (
      (typeof h === "number" && h !== m.input.height) ||
      (typeof w === "number" && w !== m.input.width)
    ) {
      field(
        "output.name",
        `names the graph's output "${output.name}", which is ${
          shape(output.dims)
        }; the app needs one channel per class at the input's size (${m.input.width}×${m.input.height})`,
      );
    }
  }
  return m;
}

/**
 * {@link checkModelDir}, for the server's start: on a problem it prints the
 * one-line message to stderr and exits with status 1.
 *
 * @example
 * ```ts
 * await checkModelDirOrExit(settings.modelDir);
 * ```
 */
export async function checkModelDirOrExit(setting?: string): Promise<void> {
  try {
    await checkModelDir(setting);
  } catch (err) {
    if (!(err instanceof ModelSetupError)) throw err;
    console.error(`Cannot start: ${err.message}`);
    Deno.exit(1);
  }
}

/**
 * @module
 * "Run on this device": the same ONNX model and the same pre/post-processing
 * code as the server, run in the visitor's browser with onnxruntime-web.
 * Nothing here is downloaded until a visitor opts in.
 */
import { asset } from "fresh/runtime";
import { type ModelManifest, parseManifest } from "../../lib/model/manifest.ts";
import { toInputTensor } from "../../lib/model/preprocess.ts";
import { infer } from "../../lib/model/infer.ts";
import {
  probabilitiesToMask,
  softmaxChannels,
} from "../../lib/model/postprocess.ts";

/**
 * Where the build puts onnxruntime-web's browser files (see
 * tasks/copy_browser_wasm.ts). Fetched through `asset()` URLs: those are cached as
 * immutable, while Fresh serves other static files with `no-store`.
 */
const ORT_MODULE = "/ort/ort.wasm.bundle.min.mjs";
const ORT_WASM = "/ort/ort-wasm-simd-threaded.wasm";
const MODEL_DIR = "/model/";

interface OrtTensor {
  data: unknown;
}
interface OrtSession {
  inputNames: string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
}
interface OrtModule {
  env: {
    wasm: {
      numThreads: number;
      wasmPaths?: string | { wasm?: string };
      proxy?: boolean;
    };
  };
  InferenceSession: {
    create(model: Uint8Array, opts?: unknown): Promise<OrtSession>;
  };
  Tensor: new (type: string, data: Float32Array, dims: number[]) => unknown;
}

let loading:
  | Promise<{ ort: OrtModule; session: OrtSession; manifest: ModelManifest }>
  | undefined;

/** Loads onnxruntime-web and the model once per page. */
function load() {
  loading ??= (async () => {
    // A computed specifier keeps the bundler from inlining 14 MB of runtime into the island.
    const spec = asset(ORT_MODULE);
    const ort = (await import(spec)) as OrtModule;
    ort.env.wasm.wasmPaths = { wasm: asset(ORT_WASM) };
    // Threads need cross-origin isolation (SharedArrayBuffer); without it run on one.
    ort.env.wasm.numThreads = globalThis.crossOriginIsolated
      ? Math.min(4, navigator.hardwareConcurrency || 1)
      : 1;
    const manifest = parseManifest(
      await (await fetch(asset(`${MODEL_DIR}manifest.json`))).json(),
    );
    const model = new Uint8Array(
      await (await fetch(asset(`${MODEL_DIR}${manifest.file}`))).arrayBuffer(),
    );
    const session = await ort.InferenceSession.create(model, {
      executionProviders: ["wasm"],
      graphOptimizationLevel: "all",
    });
    return { ort, session, manifest };
  })();
  loading.catch(() => (loading = undefined)); // allow a retry after a failure
  return loading;
}

/** Whether this browser can try at all. */
export function canRunLocally(): boolean {
  return typeof WebAssembly === "object" &&
    typeof createImageBitmap === "function" &&
    typeof OffscreenCanvas !== "undefined";
}

/** A mask computed in the browser. */
export interface LocalResult {
  mask: Blob;
  width: number;
  height: number;
  classes: { name: string; value: number; fraction: number }[];
  timing: { decodeMs: number; inferenceMs: number; totalMs: number };
}

/** Reads the photo's pixels upright, with transparency flattened onto white (as the server does). */
async function readPixels(photo: Blob, maxSide: number) {
  const bitmap = await createImageBitmap(photo, {
    imageOrientation: "from-image",
  });
  const { width, height } = bitmap;
  // Very large photos are first reduced by the browser; the model sees its small input size anyway.
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  const data = ctx.getImageData(0, 0, w, h).data;
  return {
    width,
    height,
    image: { width: w, height: h, data: new Uint8Array(data.buffer) },
  };
}

/**
 * Segments a photo entirely in the browser and returns the mask as a PNG blob
 * at the photo's own size.
 *
 * @example
 * ```ts
 * const { mask, width, height } = await segmentLocally(file);
 * ```
 */
export async function segmentLocally(photo: Blob): Promise<LocalResult> {
  const { ort, session, manifest } = await load();
  const t0 = performance.now();
  const px = await readPixels(photo, 2048);
  const input = toInputTensor(px.image, manifest);
  const t1 = performance.now();
  const { name, width: inW, height: inH } = manifest.input;
  const forward = async (x: Float32Array) => {
    const out = await session.run({
      [name]: new ort.Tensor("float32", x, [1, 3, inH, inW]),
    });
    return out[manifest.output.name].data as Float32Array;
  };
  const logits = await infer(forward, input, manifest);
  const t2 = performance.now();
  const probs = softmaxChannels(logits, manifest.classes.length, inW * inH);
  const mask = probabilitiesToMask(
    probs,
    inW,
    inH,
    manifest.classes.map((c) => c.value),
    px.width,
    px.height,
  );
  const rgba = new Uint8ClampedArray(mask.gray.length * 4);
  for (let i = 0, j = 0; i < mask.gray.length; i++, j += 4) {
    rgba[j] = rgba[j + 1] = rgba[j + 2] = mask.gray[i];
    rgba[j + 3] = 255;
  }
  const canvas = new OffscreenCanvas(mask.width, mask.height);
  canvas.getContext("2d")!.putImageData(
    new ImageData(rgba, mask.width, mask.height),
    0,
    0,
  );
  const png = await canvas.convertToBlob({ type: "image/png" });
  const t3 = performance.now();
  return {
    mask: png,
    width: mask.width,
    height: mask.height,
    classes: manifest.classes.map((c, i) => ({
      ...c,
      fraction: mask.fractions[i],
    })),
    timing: { decodeMs: t1 - t0, inferenceMs: t2 - t1, totalMs: t3 - t0 },
  };
}

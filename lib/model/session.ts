/**
 * @module
 * Creates the onnxruntime-web (WASM) session for a manifest's model.
 *
 * onnxruntime-web's Node build loads `worker_threads` as soon as it starts,
 * even for one thread. Where that module does not exist (platforms without
 * threads, e.g. Deno Deploy Classic), the runner falls back to the browser
 * build of the same runtime, on one thread, with the WASM binary given
 * directly.
 */
import * as ort from "onnxruntime-web";
import type { ModelManifest } from "./manifest.ts";
import type { Forward } from "./infer.ts";

type Ort = typeof ort;

/**
 * Loads the model into onnxruntime-web's WASM backend and returns a runner
 * that maps an input tensor to raw logits.
 *
 * Inference blocks the calling thread, so the server calls this inside its
 * worker (or inline, one thread, where there are no workers); `deno task
 * eval` and benchmarks call it directly.
 *
 * @example
 * ```ts
 * const run = await createRunner(manifest, modelBytes, { threads: 2 });
 * const logits = await run(toInputTensor(image, manifest));
 * ```
 */
export async function createRunner(
  manifest: ModelManifest,
  model: Uint8Array,
  opts: { threads?: number } = {},
): Promise<Forward> {
  let runtime: Ort = ort;
  let session: ort.InferenceSession;
  try {
    session = await open(runtime, model, opts.threads ?? 2);
  } catch (err) {
    if (!/worker_threads/.test(String((err as Error)?.message))) throw err;
    runtime = await threadFree();
    session = await open(runtime, model, 1);
  }
  const { name, width, height } = manifest.input;
  return async (input) => {
    const feeds = {
      [name]: new runtime.Tensor("float32", input, [1, 3, height, width]),
    };
    const out = await session.run(feeds);
    const tensor = out[manifest.output.name];
    if (!tensor) {
      throw new Error(`Model has no output named "${manifest.output.name}".`);
    }
    const data = tensor.data as Float32Array;
    tensor.dispose?.();
    return data;
  };
}

function open(
  runtime: Ort,
  model: Uint8Array,
  threads: number,
): Promise<ort.InferenceSession> {
  runtime.env.wasm.numThreads = threads;
  runtime.env.logLevel = "error";
  return runtime.InferenceSession.create(model, {
    executionProviders: ["wasm"],
    graphOptimizationLevel: "all",
  });
}

/**
 * onnxruntime-web's browser build, made to start without Node's modules: it
 * decides it runs in Node by looking at `process`, so `process` is hidden
 * while the runtime initialises (the first session), then restored.
 */
async function threadFree(): Promise<Ort> {
  const web = (await import("onnxruntime-web/wasm")) as unknown as Ort;
  const dist = new URL("./", import.meta.resolve("onnxruntime-web"));
  web.env.wasm.wasmBinary = await Deno.readFile(
    new URL("ort-wasm-simd-threaded.wasm", dist),
  );
  const original = web.InferenceSession.create.bind(web.InferenceSession) as (
    // deno-lint-ignore no-explicit-any
    ...args: any[]
  ) => Promise<ort.InferenceSession>;
  let initialised = false;
  // deno-lint-ignore no-explicit-any
  (web.InferenceSession as any).create = async (...args: any[]) => {
    if (initialised) return await original(...args);
    const desc = Object.getOwnPropertyDescriptor(globalThis, "process");
    Object.defineProperty(globalThis, "process", {
      value: undefined,
      configurable: true,
      writable: true,
    });
    try {
      return await original(...args);
    } finally {
      initialised = true;
      if (desc) Object.defineProperty(globalThis, "process", desc);
      // deno-lint-ignore no-explicit-any
      else delete (globalThis as any).process;
    }
  };
  return web;
}

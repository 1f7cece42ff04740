/**
 * @module
 * Creates the onnxruntime-web (WASM) session for a manifest's model.
 */
import * as ort from "onnxruntime-web";
import type { ModelManifest } from "./manifest.ts";
import type { Forward } from "./infer.ts";

/**
 * Loads the model into onnxruntime-web's WASM backend and returns a runner
 * that maps an input tensor to raw logits.
 *
 * Inference blocks the calling thread, so the server only calls this inside
 * its worker; `deno task eval` and benchmarks call it directly.
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
  ort.env.wasm.numThreads = opts.threads ?? 2;
  ort.env.logLevel = "error";
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ["wasm"],
    graphOptimizationLevel: "all",
  });
  const { name, width, height } = manifest.input;
  return async (input) => {
    const feeds = {
      [name]: new ort.Tensor("float32", input, [1, 3, height, width]),
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

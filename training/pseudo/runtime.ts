/**
 * @module
 * Runs the IS-Net ONNX model with onnxruntime: `node` (onnxruntime-node,
 * native, needs `--allow-ffi`; about 3× faster on CPU) or `web`
 * (onnxruntime-web's WASM build, the app's own dependency). Both take the
 * package's fp16 model as it is (float32 input and output).
 */

import type { IsnetRun } from "./isnet.ts";
import { ISNET_SIDE } from "./isnet.ts";

/** Which onnxruntime build to use. */
export type Runtime = "node" | "web";

/** A loaded model. */
export interface IsnetRunner {
  /** Runs one [1, 3, 1024, 1024] input. */
  run: IsnetRun;
  /** The runtime in use. */
  runtime: Runtime;
}

// A variable specifier keeps the native package out of the static module
// graph: it is downloaded only when this runtime is chosen.
const ORT_NODE = "npm:onnxruntime-node@1.30.0";

type Ort = typeof import("onnxruntime-web");

/**
 * Loads the model at `path` on `runtime` with `threads` intra-op threads.
 *
 * @example
 * ```ts
 * import { loadIsnet } from "./runtime.ts";
 * const { run } = await loadIsnet("data/models/isnet_medium.onnx", "web", 2);
 * ```
 */
export async function loadIsnet(
  path: string,
  runtime: Runtime,
  threads: number,
): Promise<IsnetRunner> {
  const ort: Ort = runtime === "node"
    ? await import(ORT_NODE)
    : await import("onnxruntime-web");
  const options: Record<string, unknown> = { graphOptimizationLevel: "all" };
  if (runtime === "web") ort.env.wasm.numThreads = threads;
  else options.intraOpNumThreads = threads;
  const session = await ort.InferenceSession.create(
    await Deno.readFile(path),
    options,
  );
  const dims = [1, 3, ISNET_SIDE, ISNET_SIDE];
  return {
    runtime,
    async run(input) {
      // Fetch only "output": the side outputs cost time and memory.
      const out = await session.run(
        { input: new ort.Tensor("float32", input, dims) },
        ["output"],
      );
      return out.output.data as Float32Array;
    },
  };
}

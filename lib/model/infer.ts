/**
 * @module
 * One forward pass as the manifest asks for it: plain, or with test-time
 * horizontal-flip averaging (`"testTimeFlip": true`), which smooths outlines
 * at the cost of a second run. Shared by the server and the browser, so both
 * compute the same mask.
 */
import type { ModelManifest } from "./manifest.ts";

/** Runs the model on one NCHW input and returns raw logits. */
export type Forward = (input: Float32Array) => Promise<Float32Array>;

/** Mirrors each row of every channel of an NCHW (batch 1) tensor, into a new array. */
export function flipRows(t: Float32Array, width: number): Float32Array {
  const out = new Float32Array(t.length);
  for (let row = 0; row < t.length; row += width) {
    for (let x = 0; x < width; x++) out[row + x] = t[row + width - 1 - x];
  }
  return out;
}

/**
 * Returns the logits for `input`, averaging with the mirrored input's
 * (mirrored back) when the manifest enables test-time flipping.
 *
 * @example
 * ```ts
 * const logits = await infer(run, toInputTensor(image, manifest), manifest);
 * ```
 */
export async function infer(
  run: Forward,
  input: Float32Array,
  manifest: ModelManifest,
): Promise<Float32Array> {
  const first = Float32Array.from(await run(input));
  if (!manifest.testTimeFlip) return first;
  const w = manifest.input.width;
  const second = flipRows(await run(flipRows(input, w)), w);
  for (let i = 0; i < first.length; i++) first[i] = (first[i] + second[i]) / 2;
  return first;
}

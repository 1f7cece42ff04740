/**
 * @module
 * A valid model manifest for tests, with overrides.
 */
import type { ModelManifest } from "../manifest.ts";

/**
 * Returns a small, valid manifest (8×8 input, pet/background/border).
 *
 * @example
 * ```ts
 * const m = testManifest({ testTimeFlip: true });
 * ```
 */
export function testManifest(over: Partial<ModelManifest> = {}): ModelManifest {
  return {
    name: "test",
    version: "0",
    file: "test.onnx",
    input: {
      name: "input",
      width: 8,
      height: 8,
      mean: [0.5, 0.5, 0.5],
      std: [0.5, 0.5, 0.5],
    },
    output: { name: "logits" },
    classes: [
      { name: "pet", value: 0 },
      { name: "background", value: 127 },
      { name: "border", value: 255 },
    ],
    ...over,
  };
}

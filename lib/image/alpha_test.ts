import assert from "node:assert/strict";
import { flattenOnWhite } from "./alpha.ts";

Deno.test("image - flattenOnWhite blends over white and leaves opaque images untouched", () => {
  const px = new Uint8Array([
    0,
    0,
    0,
    0,
    200,
    0,
    0,
    128,
    10,
    20,
    30,
    255,
    0,
    0,
    0,
    255,
  ]);
  assert.equal(flattenOnWhite(px), true);
  assert.deepEqual(Array.from(px), [
    255,
    255,
    255,
    255,
    227,
    127,
    127,
    255,
    10,
    20,
    30,
    255,
    0,
    0,
    0,
    255,
  ]);
  const opaque = new Uint8Array([1, 2, 3, 255, 4, 5, 6, 255]);
  assert.equal(flattenOnWhite(opaque), false);
  assert.deepEqual(Array.from(opaque), [1, 2, 3, 255, 4, 5, 6, 255]);
});

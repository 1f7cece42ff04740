import assert from "node:assert/strict";
import {
  type PetAppDeps,
  petSegmentation,
  processImageWith,
} from "./pet_segmentation.ts";
import { KvFileStore } from "../lib/files/file_store.ts";
import type { SegmentResult } from "../lib/segment/segment.ts";
import { PNG_SIGNATURE } from "../lib/bytes.ts";

const MASK = new Uint8Array([
  ...PNG_SIGNATURE,
  1,
  2,
  3,
]);

function fakeServices(calls: Uint8Array[]): PetAppDeps {
  const segmenter = {
    segment(bytes: Uint8Array) {
      calls.push(bytes);
      return Promise.resolve(
        {
          maskPng: MASK,
          width: 2,
          height: 2,
          classes: [],
          timing: { totalMs: 123.4 },
        } as unknown as SegmentResult,
      );
    },
  };
  return {
    segmenter,
    settings: {
      maxPixels: 1e6,
      maxBodyBytes: 1024 * 1024,
      maxQueue: 4,
      inferenceTimeoutMs: 1000,
    },
  } as unknown as PetAppDeps;
}

Deno.test("pet app - process_image as in the seed: mask, info, download", async () => {
  const calls: Uint8Array[] = [];
  const app = petSegmentation(fakeServices(calls));
  const dep = app.endpoint("process_image")!;
  assert.equal(dep.inputs.length, 1);
  assert.deepEqual(
    dep.outputs.map((id) => app.components.get(id)!.props.label),
    ["Segmented Output", "Info", "Download Result"],
  );
  assert.equal(
    app.components.get(dep.inputs[0])!.props.label,
    "Upload an image",
  );
  using kv = await Deno.openKv(":memory:");
  const files = new KvFileStore(kv, "pet");
  const photo = await files.put(
    new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]),
    "cat.jpg",
    "image/jpeg",
  );
  const [img, info, dl] = await app.run(dep, [{ path: photo.id }], {
    files,
  }) as [
    { mimeType: string },
    string,
    { origName: string },
  ];
  assert.equal(calls.length, 1);
  assert.equal(img.mimeType, "image/png");
  assert.equal(info, "Processing time: 0.12 seconds");
  assert.equal(dl.origName, "pet-mask.png");
});

Deno.test("pet app - no image gives the seed's message", async () => {
  const process_image = processImageWith(fakeServices([]));
  assert.deepEqual(await process_image(null), [
    null,
    "No image uploaded",
    null,
  ]);
  const app = petSegmentation(fakeServices([]));
  using kv = await Deno.openKv(":memory:");
  const files = new KvFileStore(kv, "pet");
  assert.deepEqual(
    await app.run(app.endpoint("process_image")!, [null], { files }),
    [null, "No image uploaded", null],
  );
});

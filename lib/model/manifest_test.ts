import assert from "node:assert/strict";
import { ManifestError, parseManifest } from "./manifest.ts";
import { DEFAULT_MODEL_DIR, loadModelFiles } from "./load.ts";
import { testManifest } from "./testdata/manifest.ts";

Deno.test("manifest - the shipped manifest is valid and maps pet/background/border to 0/127/255", async () => {
  const { manifest, model } = await loadModelFiles(DEFAULT_MODEL_DIR);
  assert.deepEqual(manifest.classes.map((c) => [c.name, c.value]), [
    ["pet", 0],
    ["background", 127],
    ["border", 255],
  ]);
  assert.ok(model.length > 10_000, "a real model, not a stub");
  assert.ok(model.length <= 8 * 1024 * 1024, "the model stays under 8 MB");
});

Deno.test("manifest - junk is refused with a reason", () => {
  assert.throws(() => parseManifest(null), ManifestError);
  assert.throws(() => parseManifest({ name: "x" }), /version/);
  const ok = testManifest();
  assert.equal(parseManifest(ok).name, "test");
  assert.throws(
    () => parseManifest({ ...ok, file: "../../etc/passwd" }),
    /file/,
  );
  assert.throws(
    () => parseManifest({ ...ok, input: { ...ok.input, std: [1, 0, 1] } }),
    /std/,
  );
  assert.throws(
    () =>
      parseManifest({
        ...ok,
        classes: [{ name: "a", value: 300 }, { name: "b", value: 0 }],
      }),
    /value/,
  );
});

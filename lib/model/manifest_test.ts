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

Deno.test("manifest - a refusal names the field, what it must be and what it holds", () => {
  const ok = testManifest();
  const refusal = (json: unknown) => {
    try {
      parseManifest(json);
    } catch (err) {
      assert.ok(err instanceof ManifestError);
      return [err.field, err.message];
    }
    assert.fail("accepted");
  };
  assert.deepEqual(
    refusal({ ...ok, input: { ...ok.input, mean: undefined } }),
    [
      "input.mean",
      'Invalid model manifest: "input.mean" must be 3 numbers (per-channel RGB mean on 0..1 values) (missing)',
    ],
  );
  assert.deepEqual(
    refusal({ ...ok, input: { ...ok.input, width: "176" } }),
    [
      "input.width",
      'Invalid model manifest: "input.width" must be an integer from 8 to 2048 (pixels the model takes) (got "176")',
    ],
  );
  assert.equal(refusal({ ...ok, output: undefined })[0], "output");
  assert.equal(
    refusal({ ...ok, classes: [{ name: "pet", value: 0 }] })[0],
    "classes",
  );
  assert.equal(
    refusal({ ...ok, classes: [{ name: "pet", value: 0 }, "background"] })[0],
    "classes[1]",
  );
  assert.equal(
    refusal({
      ...ok,
      classes: [{ name: "pet", value: 0 }, { name: "pet", value: 1 }],
    })[0],
    "classes[1].name",
  );
  assert.deepEqual(
    refusal({
      ...ok,
      classes: [{ name: "pet", value: 0 }, { name: "bg", value: 0 }],
    }),
    [
      "classes[1].value",
      `Invalid model manifest: "classes[1].value" must differ from the other classes' gray levels (got 0)`,
    ],
  );
  assert.equal(refusal({ ...ok, testTimeFlip: "yes" })[0], "testTimeFlip");
  assert.equal(refusal([ok])[0], "manifest");
});

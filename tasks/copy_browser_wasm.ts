/**
 * @module
 * Build step: copies the WebAssembly runtimes the page loads on demand into
 * `static/`, so they come from this server and only when a visitor needs
 * them: onnxruntime-web's browser build (`static/ort/`, "Run on this
 * device") and libheif-js (`static/heif/`, a HEIC read on the device while
 * "Run on this device" is on; LGPL-3.0, unmodified, its licence beside it).
 * Run by `deno task build`.
 */
import { dirname, join } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";

const COPIES = [
  {
    from: dirname(fromFileUrl(import.meta.resolve("onnxruntime-web"))),
    to: "ort",
    files: [
      "ort.wasm.bundle.min.mjs",
      "ort-wasm-simd-threaded.mjs",
      "ort-wasm-simd-threaded.wasm",
    ],
  },
  {
    from: dirname(fromFileUrl(
      import.meta.resolve("libheif-js/libheif-wasm/libheif-bundle.mjs"),
    )),
    to: "heif",
    files: ["libheif-bundle.mjs", "LICENSE"],
  },
];

for (const { from, to, files } of COPIES) {
  const out = fromFileUrl(new URL(`../static/${to}/`, import.meta.url));
  await Deno.mkdir(out, { recursive: true });
  for (const f of files) await Deno.copyFile(join(from, f), join(out, f));
  console.log(`Copied ${files.join(", ")} into static/${to}/`);
}

/**
 * @module
 * Build step: copies onnxruntime-web's browser build (the WASM runtime and its
 * ES module) into `static/ort/`, so "Run on this device" can load them from
 * this server, only when a visitor asks for it. Run by `deno task build`.
 */
import { dirname, join } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";

const FILES = [
  "ort.wasm.bundle.min.mjs",
  "ort-wasm-simd-threaded.mjs",
  "ort-wasm-simd-threaded.wasm",
];

const entry = import.meta.resolve("onnxruntime-web");
const dist = dirname(fromFileUrl(entry));
const out = fromFileUrl(new URL("../static/ort/", import.meta.url));
await Deno.mkdir(out, { recursive: true });
for (const f of FILES) await Deno.copyFile(join(dist, f), join(out, f));
console.log(`Copied onnxruntime-web ${FILES.join(", ")} into static/ort/`);

/**
 * @module
 * Preloaded (`deno run --preload`) to mimic a platform without threads, like
 * Deno Deploy Classic: no Web Workers, and `worker_threads` cannot be loaded.
 */
import Module from "node:module";

// deno-lint-ignore no-explicit-any
delete (globalThis as any).Worker;
// deno-lint-ignore no-explicit-any
const M = Module as any;
const load = M._load;
M._load = function (request: string, ...rest: unknown[]) {
  if (/(^|:)worker_threads$/.test(request)) {
    throw new Error("Cannot find module 'worker_threads'");
  }
  return load.call(this, request, ...rest);
};

/**
 * @module
 * The server's explicit permission set — what Deno Deploy allows: network,
 * environment, reading the project, writing only the local KV directory.
 * No FFI, no subprocesses, no --allow-all. `deno task start` and the tests use
 * the same flags (deno.json repeats them; `tasks/flags_test.ts` keeps both equal).
 */
export const SERVER_FLAGS: readonly string[] = [
  "--allow-net",
  "--allow-env",
  "--allow-read=.",
  "--allow-write=./data",
];

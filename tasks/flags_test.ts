import assert from "node:assert/strict";
import { SERVER_FLAGS } from "./flags.ts";

Deno.test("flags - deno task start uses exactly the tests' permission set, and no broad grants", async () => {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("../deno.json", import.meta.url)),
  );
  const start: string = config.tasks.start;
  assert.ok(
    start.endsWith(`deno run ${SERVER_FLAGS.join(" ")} tasks/serve.ts`),
    start,
  );
  for (const f of SERVER_FLAGS) {
    assert.doesNotMatch(f, /^(-A|--allow-all|--allow-ffi|--allow-run)/);
  }
  assert.ok(
    SERVER_FLAGS.includes("--allow-write=./data"),
    "writes only the KV directory",
  );
});

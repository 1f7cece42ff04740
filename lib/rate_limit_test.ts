import assert from "node:assert/strict";
import { RateLimiter } from "./rate_limit.ts";

Deno.test("rate limit - allows N per window per client, then says how long to wait", () => {
  const rl = new RateLimiter(2, 60_000);
  assert.equal(rl.hit("a", 0), 0);
  assert.equal(rl.hit("a", 1), 0);
  assert.equal(rl.hit("a", 2), 60);
  assert.equal(rl.hit("b", 2), 0, "other clients are not affected");
  assert.equal(rl.hit("a", 60_000), 0, "a new window starts");
});

Deno.test("rate limit - 0 disables it", () => {
  const rl = new RateLimiter(0);
  for (let i = 0; i < 100; i++) assert.equal(rl.hit("a"), 0);
});

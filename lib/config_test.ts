import assert from "node:assert/strict";
import { loadConfig } from "./config.ts";

Deno.test("config - defaults", () => {
  const c = loadConfig(() => undefined);
  assert.equal(c.port, 8000);
  assert.equal(c.maxBodyBytes, 15 * 1024 * 1024);
  assert.equal(c.maxPixels, 40_000_000);
  assert.equal(c.shareTtlMs, 7 * 24 * 3600_000);
  assert.equal(c.kvPath, "data/app.sqlite");
  assert.equal(c.embedFrameAncestors, "*");
  assert.equal(c.rateLimitPerMinute, 0);
});

Deno.test("config - reads settings and rejects nonsense", () => {
  const env: Record<string, string> = {
    PORT: "9001",
    PUBLIC_URL: "https://pets.example/",
    SHARE_TTL_HOURS: "1",
  };
  const c = loadConfig((k) => env[k]);
  assert.equal(c.port, 9001);
  assert.equal(c.publicUrl, "https://pets.example");
  assert.equal(c.shareTtlMs, 3600_000);
  assert.throws(
    () => loadConfig((k) => ({ PORT: "abc" } as Record<string, string>)[k]),
    /PORT/,
  );
  assert.throws(() =>
    loadConfig((k) =>
      ({ PUBLIC_URL: "not a url" } as Record<string, string>)[k]
    )
  );
});

Deno.test("config - on Deno Deploy the managed KV is used", () => {
  const c = loadConfig((k) =>
    ({ DENO_DEPLOYMENT_ID: "abc" } as Record<string, string>)[k]
  );
  assert.equal(c.kvPath, undefined);
});

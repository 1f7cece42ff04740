import assert from "node:assert/strict";
import { loadSettings } from "./settings.ts";

Deno.test("settings - defaults", () => {
  const c = loadSettings(() => undefined);
  assert.equal(c.port, 8000);
  assert.equal(c.maxBodyBytes, 15 * 1024 * 1024);
  assert.equal(c.maxPixels, 40_000_000);
  assert.equal(c.shareTtlMs, 7 * 24 * 3600_000);
  assert.equal(c.kvPath, "data/app.sqlite");
  assert.equal(c.embedFrameAncestors, "*");
  assert.equal(c.rateLimitPerMinute, 0);
  assert.equal(c.uploadRatePerMinute, 120);
  assert.equal(c.shareRatePerHour, 20);
  assert.deepEqual(c.allowedHosts, ["localhost", "127.0.0.1", "[::1]"]);
  assert.equal(c.trustProxy, false);
});

Deno.test("settings - ALLOWED_HOSTS and Deploy decide which Host headers may appear in links", () => {
  assert.deepEqual(
    loadSettings((k) =>
      ({ ALLOWED_HOSTS: "pets.example, a.example:8443" } as Record<
        string,
        string
      >)[k]
    )
      .allowedHosts,
    ["pets.example", "a.example:8443"],
  );
  assert.equal(
    loadSettings((k) =>
      ({ DENO_DEPLOYMENT_ID: "x" } as Record<string, string>)[k]
    ).allowedHosts,
    "any",
  );
});

Deno.test("settings - reads settings and rejects nonsense", () => {
  const env: Record<string, string> = {
    PORT: "9001",
    PUBLIC_URL: "https://pets.example/",
    SHARE_TTL_HOURS: "1",
  };
  const c = loadSettings((k) => env[k]);
  assert.equal(c.port, 9001);
  assert.equal(c.publicUrl, "https://pets.example");
  assert.equal(c.shareTtlMs, 3600_000);
  assert.throws(
    () => loadSettings((k) => ({ PORT: "abc" } as Record<string, string>)[k]),
    /PORT/,
  );
  assert.throws(() =>
    loadSettings((k) =>
      ({ PUBLIC_URL: "not a url" } as Record<string, string>)[k]
    )
  );
});

Deno.test("settings - on Deno Deploy the managed KV is used", () => {
  const c = loadSettings((k) =>
    ({ DENO_DEPLOYMENT_ID: "abc" } as Record<string, string>)[k]
  );
  assert.equal(c.kvPath, undefined);
});

Deno.test("settings - CORS_ORIGINS lists the origins allowed with credentials", () => {
  assert.deepEqual(loadSettings(() => undefined).corsOrigins, []);
  assert.deepEqual(
    loadSettings((k) =>
      ({
        CORS_ORIGINS: " https://a.example, http://localhost:3000 ,",
      } as Record<
        string,
        string
      >)[k]
    ).corsOrigins,
    ["https://a.example", "http://localhost:3000"],
  );
});

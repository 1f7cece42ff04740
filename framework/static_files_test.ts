import { equal, ok } from "node:assert/strict";
import { App } from "./app.ts";
import { crawlBuildCache, setBuildCache } from "./internal.ts";
import { staticFiles } from "./static_files.ts";
import { join } from "node:path";

const ROOT = new URL("./testdata/app", import.meta.url).pathname;
const BUILD_ID = "static-test";
const JS_DIR = join(ROOT, "_fresh", "static", "_fresh", "js", BUILD_ID);

const app = new App().use(staticFiles()).get(
  "/fallback",
  () => new Response("route"),
);
setBuildCache(
  app,
  crawlBuildCache(ROOT, { buildId: BUILD_ID, mode: "production" }),
);
const handler = app.handler();

function get(path: string, init?: RequestInit) {
  return handler(new Request("http://localhost" + path, init));
}

Deno.test("staticFiles - serves files with content type, weak ETag and Fresh's no-store", async () => {
  const res = await get("/hello.txt");
  equal(res.status, 200);
  equal(res.headers.get("Content-Type"), "text/plain; charset=utf-8");
  equal(
    res.headers.get("Cache-Control"),
    "no-cache, no-store, max-age=0, must-revalidate",
  );
  equal(res.headers.get("Content-Length"), "13");
  ok(/^W\/"[0-9a-f]{64}"$/.test(res.headers.get("ETag")!));
  equal(await res.text(), "hello static\n");
});

Deno.test("staticFiles - content types for css, wasm, json in subfolders", async () => {
  const types: [string, string][] = [
    ["/style.css", "text/css; charset=utf-8"],
    ["/tiny.wasm", "application/wasm"],
    ["/sub/data.json", "application/json; charset=utf-8"],
  ];
  for (const [path, type] of types) {
    const res = await get(path);
    await res.body?.cancel();
    equal(res.headers.get("Content-Type"), type, path);
  }
});

Deno.test("staticFiles - answers If-None-Match with 304", async () => {
  const first = await get("/hello.txt");
  await first.body?.cancel();
  const etag = first.headers.get("ETag")!;
  for (const sent of [etag, `"x", ${etag}`, etag.slice(2)]) {
    const res = await get("/hello.txt", {
      headers: { "If-None-Match": sent },
    });
    equal(res.status, 304, sent);
    equal(res.body, null);
  }
  const changed = await get("/hello.txt", {
    headers: { "If-None-Match": '"other"' },
  });
  equal(changed.status, 200);
  await changed.body?.cancel();
});

Deno.test("staticFiles - HEAD has headers but no body", async () => {
  const res = await get("/hello.txt", { method: "HEAD" });
  equal(res.status, 200);
  equal(res.headers.get("Content-Length"), "13");
  equal(res.body, null);
});

Deno.test("staticFiles - blocks path traversal", async () => {
  for (
    const path of [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/sub/..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
    ]
  ) {
    const res = await get(path);
    equal(res.status, 404, path);
    ok(!(await res.text()).includes("secret"), path);
  }
});

Deno.test("staticFiles - no directory listing; other methods on a file are 405; no favicon.ico is a bare 404", async () => {
  equal((await get("/sub")).status, 404);
  equal((await get("/sub/")).status, 404);
  const post = await get("/hello.txt", { method: "POST" });
  equal(post.status, 405);
  equal(await post.text(), "Method Not Allowed");
  equal(await (await get("/fallback")).text(), "route");
  const ico = await get("/favicon.ico");
  equal(ico.status, 404);
  equal(ico.body, null);
});

Deno.test("staticFiles - development: no ETag, nothing immutable", async () => {
  const dev = new App().use(staticFiles());
  setBuildCache(dev, crawlBuildCache(ROOT, { buildId: BUILD_ID }));
  const res = await dev.handler()(
    new Request(`http://localhost/hello.txt?__frsh_c=${BUILD_ID}`),
  );
  await res.body?.cancel();
  equal(res.status, 200);
  equal(res.headers.get("ETag"), null);
  equal(
    res.headers.get("Cache-Control"),
    "no-cache, no-store, max-age=0, must-revalidate",
  );
});

Deno.test("staticFiles - bundles under /_fresh/js/<BUILD_ID>/ are immutable", async () => {
  await Deno.mkdir(JS_DIR, { recursive: true });
  await Deno.writeTextFile(join(JS_DIR, "x.js"), "export {};");
  try {
    const res = await get(`/_fresh/js/${BUILD_ID}/x.js`);
    equal(res.status, 200);
    equal(res.headers.get("Content-Type"), "text/javascript; charset=utf-8");
    equal(
      res.headers.get("Cache-Control"),
      "public, max-age=31536000, immutable",
    );
    equal(await res.text(), "export {};");
    equal((await get("/_fresh/js/other/x.js")).status, 404);
  } finally {
    await Deno.remove(JS_DIR, { recursive: true });
  }
});

Deno.test("staticFiles - asset() URLs are immutable; stale ones redirect", async () => {
  const res = await get(`/hello.txt?__frsh_c=${BUILD_ID}`);
  await res.body?.cancel();
  equal(
    res.headers.get("Cache-Control"),
    "public, max-age=31536000, immutable",
  );
  const stale = await get("/hello.txt?__frsh_c=old");
  equal(stale.status, 307);
  equal(stale.headers.get("Location"), "/hello.txt");
});

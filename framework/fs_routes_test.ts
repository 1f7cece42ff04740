import { equal, match, ok } from "node:assert/strict";
import { app } from "./testdata/app/main.ts";
import { crawlBuildCache, setBuildCache } from "./internal.ts";
import { buildFsRoutes } from "./fs_routes.ts";
import { App } from "./app.ts";
import { h } from "preact";

const ROOT = new URL("./testdata/app", import.meta.url).pathname;
setBuildCache(app, crawlBuildCache(ROOT, { buildId: "fixture" }));
const handler = app.handler();

async function get(path: string, init?: RequestInit) {
  const res = await handler(new Request("http://localhost" + path, init));
  return { res, text: await res.text() };
}

/** Silence the expected error log of a 500 while running `fn`. */
async function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const orig = console.error;
  console.error = () => {};
  try {
    return await fn();
  } finally {
    console.error = orig;
  }
}

Deno.test("fsRoutes - index.tsx renders / inside _app", async () => {
  const { res, text } = await get("/");
  equal(res.status, 200);
  match(
    text,
    /^<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"\/><title>fixture<\/title>/,
  );
  match(text, /<main>.*<\/main>/);
});

Deno.test("fsRoutes - [param] routes get decoded params and the pattern", async () => {
  const { res, text } = await get("/blog/hello%20world");
  equal(res.status, 200);
  equal(res.headers.get("X-Slug"), "hello world");
  match(text, /<article data-route="\/blog\/:slug">hello world<\/article>/);
});

Deno.test("fsRoutes - static segments win over [param]", async () => {
  match((await get("/blog/new")).text, /<p>new post<\/p>/);
});

Deno.test("fsRoutes - [...rest] catches the remaining path", async () => {
  const { res } = await get("/old/a/b/c");
  equal(res.status, 301);
  equal(res.headers.get("Location"), "/a/b/c");
});

Deno.test("fsRoutes - (group) folders are transparent in URLs", async () => {
  const { res, text } = await get("/pricing");
  equal(res.status, 200);
  match(text, /<h1>Pricing<\/h1>/);
});

Deno.test("fsRoutes - _middleware runs root first, in array order, only in its folder", async () => {
  equal(
    (await get("/pricing")).res.headers.get("X-Trail"),
    "app>root>marketing1>marketing2",
  );
  equal((await get("/blog/x")).res.headers.get("X-Trail"), "app>root>blog");
  equal((await get("/about")).res.headers.get("X-Trail"), "app>root");
  // app.get routes registered before fsRoutes() skip the file middlewares.
  equal((await get("/api2/bob")).res.headers.get("X-Trail"), "app");
});

Deno.test("fsRoutes - _layout wraps the pages of its folder", async () => {
  match(
    (await get("/blog/x")).text,
    /<div class="blog-layout" data-trail="app>root>blog"><article/,
  );
  ok(!(await get("/about")).text.includes("blog-layout"));
});

Deno.test("fsRoutes - handler object: its methods; others pass on (404), as Fresh's lazy routes", async () => {
  equal((await get("/api/echo?q=1")).text, '{"q":"1"}');
  const post = await get("/api/echo", { method: "POST", body: "hi" });
  equal(post.res.status, 201);
  equal(post.text, "hi");
  equal((await get("/api/echo", { method: "PUT" })).res.status, 404);
  equal((await get("/api/echo", { method: "OPTIONS" })).res.status, 404);
  const head = await get("/about", { method: "HEAD" });
  equal(head.res.status, 200);
  equal(head.text, "");
});

Deno.test("fsRoutes - with routeOverride, a handler object's methods only: 405 + Allow, OPTIONS 204", async () => {
  equal((await get("/api/strict")).text, "strict get");
  equal((await get("/api/strict", { method: "POST" })).text, "strict post");
  const put = await get("/api/strict", { method: "PUT" });
  equal(put.res.status, 405);
  const options = await get("/api/strict", { method: "OPTIONS" });
  equal(options.res.status, 204);
  equal(options.res.headers.get("Allow"), "GET, POST");
});

Deno.test("fsRoutes - a page without handler renders for any method", async () => {
  for (const method of ["POST", "OPTIONS"]) {
    const { res, text } = await get("/about", { method });
    equal(res.status, 200, method);
    match(text, /About us/, method);
  }
});

Deno.test("fsRoutes - routeOverride replaces the file path", async () => {
  equal((await get("/custom/7")).text, "custom 7");
  equal((await get("/api/override")).res.status, 404);
});

Deno.test("fsRoutes - async page components are awaited", async () => {
  match((await get("/async")).text, /<p id="async">async \/async<\/p>/);
});

Deno.test("fsRoutes - unknown URLs render the root _error with 404", async () => {
  const { res, text } = await get("/nope");
  equal(res.status, 404);
  match(
    text,
    /<title>fixture<\/title>.*<h1 id="error">Error 404: not found<\/h1>/,
  );
});

Deno.test("fsRoutes - _error renders thrown HttpError status", async () => {
  const { res, text } = await get("/throws?teapot");
  equal(res.status, 418);
  match(text, /Error 418/);
});

Deno.test("fsRoutes - other errors render _error with 500", async () => {
  const { res, text } = await quiet(() => get("/throws"));
  equal(res.status, 500);
  match(text, /Error 500: oops/);
});

Deno.test("fsRoutes - the nearest _error handles its subtree", async () => {
  const { res, text } = await get("/blog/missing");
  equal(res.status, 404);
  match(
    text,
    /<div class="blog-layout" data-trail="[^"]*"><p id="blog-error">blog error<\/p><\/div>/,
  );
});

Deno.test("fsRoutes - test files are not routes", async () => {
  equal((await get("/index_test")).res.status, 404);
});

Deno.test("fsRoutes - Head children replace the _app title", async () => {
  const { text } = await get("/about");
  match(
    text,
    /<head><meta charset="utf-8"\/><title>About us<\/title><meta name="description" content="about"\/><\/head>/,
  );
});

Deno.test("fsRoutes - buildFsRoutes skips modules without handler or page", () => {
  const fs = buildFsRoutes([
    { path: "index.tsx", mod: { default: () => null } },
    { path: "lib.ts", mod: { helper: 1 } },
  ]);
  equal(fs.routes.length, 1);
  equal(fs.routes[0].pattern, "/");
});

Deno.test("fsRoutes - _app wraps ctx.render in programmatic routes registered after fsRoutes()", async () => {
  // As Fresh: a route gets the `_app` registered before it.
  const other = new App()
    .get("/before", (ctx) => ctx.render(h("p", null, "before")))
    .fsRoutes()
    .get("/after", (ctx) => ctx.render(h("p", null, "after")));
  setBuildCache(other, crawlBuildCache(ROOT, { buildId: "fixture" }));
  const handler = other.handler();
  const html = async (path: string) =>
    await (await handler(new Request("http://localhost" + path))).text();
  match(
    await html("/after"),
    /<title>fixture<\/title><\/head><body><p>after<\/p><\/body>/,
  );
  const before = await html("/before");
  ok(!before.includes("<title>fixture</title>"), before);
  match(before, /<body><p>before<\/p><\/body>/);
});

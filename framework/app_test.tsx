import { deepEqual, equal, match, ok } from "node:assert/strict";
import { App } from "./app.ts";
import { HttpError } from "./error.ts";
import { crawlBuildCache, setBuildCache } from "./internal.ts";

// An empty project root: no routes, no islands.
const EMPTY = new URL("./testdata/empty", import.meta.url).pathname;

function make<S = Record<string, unknown>>(): App<S> {
  const app = new App<S>();
  setBuildCache(app, crawlBuildCache(EMPTY, { buildId: "test" }));
  return app;
}

const get = (
  h: ReturnType<App<unknown>["handler"]>,
  path: string,
  init?: RequestInit,
) => h(new Request("http://localhost" + path, init));

Deno.test("App - .get() matches params and decodes them", async () => {
  const h = make().get(
    "/hi/:name",
    (ctx) => new Response(`hi ${ctx.params.name}`),
  ).handler();
  equal(await (await get(h, "/hi/a%20b")).text(), "hi a b");
  equal((await get(h, "/hi")).status, 404);
});

Deno.test("App - middlewares run in registration order around the handler", async () => {
  const log: string[] = [];
  const h = make()
    .use(async (ctx) => {
      log.push("a1");
      const res = await ctx.next();
      log.push("a2");
      return res;
    })
    .use("/x", (ctx) => {
      log.push("scoped");
      return ctx.next();
    })
    .get("/x/y", () => {
      log.push("handler");
      return new Response("ok");
    })
    .use((ctx) => {
      log.push("after-route");
      return ctx.next();
    })
    .handler();
  equal((await get(h, "/x/y")).status, 200);
  equal(log.join(","), "a1,scoped,handler,a2");
  log.length = 0;
  // No route: every matching middleware runs, then the 404 propagates.
  equal((await get(h, "/xy")).status, 404);
  equal(log.join(","), "a1,after-route");
});

Deno.test("App - state is shared between middlewares and handler", async () => {
  const h = make<{ user: string }>()
    .use((ctx) => {
      ctx.state.user = "ann";
      return ctx.next();
    })
    .get("/", (ctx) => new Response(ctx.state.user))
    .handler();
  equal(await (await get(h, "/")).text(), "ann");
});

Deno.test("App - a wrong method is HttpError 405 through the root middlewares, as in Fresh", async () => {
  const h = make().get("/a", () => new Response("g")).post(
    "/a",
    () => new Response("p"),
  )
    .handler();
  const res = await get(h, "/a", { method: "DELETE" });
  equal(res.status, 405);
  equal(await res.text(), "Method Not Allowed");
  equal(await (await get(h, "/a", { method: "POST" })).text(), "p");
  // A root middleware sees the error (and may render it); one scoped to
  // another path does not run.
  const seen: string[] = [];
  const h2 = make()
    .use(async (ctx) => {
      try {
        return await ctx.next();
      } catch (err) {
        seen.push(`root:${(err as HttpError).status}`);
        throw err;
      }
    })
    .use("/a", (ctx) => {
      seen.push("scoped");
      return ctx.next();
    })
    .get("/a", () => new Response("g"))
    .handler();
  equal((await get(h2, "/a", { method: "PUT" })).status, 405);
  equal((await get(h2, "/nope")).status, 404);
  deepEqual(seen, ["root:405", "root:404"]);
});

Deno.test("App - static paths win over patterns; the first matching pattern decides", async () => {
  const h = make()
    .get("/api/:name", (ctx) => new Response(`param ${ctx.params.name}`))
    .post("/api/segment", () => new Response("static"))
    .handler();
  equal(
    await (await get(h, "/api/segment", { method: "POST" })).text(),
    "static",
  );
  equal(await (await get(h, "/api/other")).text(), "param other");
  // The static path matched, so its wrong method is a 405, not the pattern's GET.
  equal((await get(h, "/api/segment")).status, 405);
});

Deno.test("App - mountApp puts another app's routes below a path", async () => {
  const demo = make()
    .get("/", () => new Response("page"))
    .post("/api/greet", (ctx) => new Response(`hi ${ctx.url.pathname}`));
  const h = make()
    .mountApp("/demos/greet", demo)
    .mountApp("/", make().get("/", () => new Response("root")))
    .handler();
  equal(await (await get(h, "/demos/greet")).text(), "page");
  equal(await (await get(h, "/demos/greet/")).text(), "page");
  equal(
    await (await get(h, "/demos/greet/api/greet", { method: "POST" })).text(),
    "hi /demos/greet/api/greet",
  );
  equal(await (await get(h, "/")).text(), "root");
  equal((await get(h, "/demos/greet/nope")).status, 404);
});

Deno.test("App - OPTIONS without a handler answers 204 with Allow", async () => {
  const h = make().get("/a", () => new Response("g")).handler();
  const res = await get(h, "/a", { method: "OPTIONS" });
  equal(res.status, 204);
  equal(res.headers.get("Allow"), "GET");
});

Deno.test("App - HEAD falls back to GET without a body", async () => {
  const h = make().get(
    "/a",
    () => new Response("body", { headers: { "X-A": "1" } }),
  )
    .handler();
  const res = await get(h, "/a", { method: "HEAD" });
  equal(res.status, 200);
  equal(res.headers.get("X-A"), "1");
  equal(res.body, null);
});

Deno.test("App - .all() accepts every method", async () => {
  const h = make().all("/a", (ctx) => new Response(ctx.req.method)).handler();
  equal(await (await get(h, "/a", { method: "PATCH" })).text(), "PATCH");
});

Deno.test("App - collapses double slashes", async () => {
  const h = make().get("/a/b", (ctx) => new Response(ctx.url.pathname))
    .handler();
  equal(await (await get(h, "//a//b")).text(), "/a/b");
});

Deno.test("App - accepts a trailing slash", async () => {
  const h = make().get("/a", () => new Response("a")).get(
    "/p/:id",
    () => new Response("p"),
  )
    .handler();
  equal((await get(h, "/a/")).status, 200);
  equal((await get(h, "/p/1/")).status, 200);
});

Deno.test("App - HttpError maps to its status", async () => {
  const h = make().get("/", () => {
    throw new HttpError(403, "nope");
  }).handler();
  const res = await get(h, "/");
  equal(res.status, 403);
  equal(await res.text(), "nope");
});

Deno.test("App - other errors become a logged 500", async () => {
  const h = make().get("/", () => {
    throw new Error("secret detail");
  }).handler();
  const errors: unknown[] = [];
  const orig = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    const res = await get(h, "/");
    equal(res.status, 500);
    equal(await res.text(), "Internal server error");
  } finally {
    console.error = orig;
  }
  equal(errors.length, 1);
});

Deno.test("App - unknown URLs are 404", async () => {
  const res = await get(make().handler(), "/missing");
  equal(res.status, 404);
  equal(await res.text(), "Not Found");
});

Deno.test("App - ctx.redirect defaults to 302 and blocks open redirects", async () => {
  const h = make()
    .get("/a", (ctx) => ctx.redirect("/b"))
    .get("/c", (ctx) => ctx.redirect("//evil.com/x", 307))
    .handler();
  const a = await get(h, "/a");
  equal(a.status, 302);
  equal(a.headers.get("Location"), "/b");
  const c = await get(h, "/c");
  equal(c.status, 307);
  equal(c.headers.get("Location"), "/evil.com/x");
});

Deno.test("App - ctx.render wraps JSX in a document and the app wrapper", async () => {
  const h = make()
    .appWrapper(({ Component }) => (
      <html>
        <head>
          <title>t</title>
        </head>
        <body class="w">
          <Component />
        </body>
      </html>
    ))
    .get("/", (ctx) => ctx.render(<h1>hello</h1>, { status: 201 }))
    .handler();
  const res = await get(h, "/");
  equal(res.status, 201);
  equal(res.headers.get("Content-Type"), "text/html; charset=utf-8");
  const html = await res.text();
  match(
    html,
    /^<!DOCTYPE html><html><head><title>t<\/title><\/head><body class="w"><h1>hello<\/h1><\/body><\/html>$/,
  );
});

Deno.test("App - ctx.render adds html, head and body when missing", async () => {
  const h = make().get("/", (ctx) => ctx.render(<p>x</p>)).handler();
  equal(
    await (await get(h, "/")).text(),
    '<!DOCTYPE html><html><head><meta charset="utf-8"/></head><body><p>x</p></body></html>',
  );
});

Deno.test("App - ctx.info defaults when the handler gets no info", async () => {
  const h = make().get(
    "/",
    (ctx) => new Response(ctx.info.remoteAddr.transport),
  ).handler();
  equal(await (await get(h, "/")).text(), "tcp");
});

Deno.test("App - basePath prefixes routes", async () => {
  const app = new App({ basePath: "/base" });
  setBuildCache(app, crawlBuildCache(EMPTY, { buildId: "test" }));
  const h = app.get("/a", () => new Response("a")).handler();
  equal((await get(h, "/base/a")).status, 200);
  equal((await get(h, "/a")).status, 404);
});

Deno.test("App - listen serves and prints the address", async () => {
  const ac = new AbortController();
  let addr: Deno.NetAddr | undefined;
  const server = await make().get("/", () => new Response("up")).listen({
    port: 0,
    hostname: "127.0.0.1",
    signal: ac.signal,
    onListen: (a) => addr = a,
  });
  try {
    ok(addr);
    const res = await fetch(`http://127.0.0.1:${addr.port}/`);
    equal(await res.text(), "up");
  } finally {
    ac.abort();
    await server.finished;
  }
});

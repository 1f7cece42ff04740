import { deepStrictEqual, equal, throws } from "node:assert/strict";
import {
  compilePattern,
  compilePrefix,
  pathToPattern,
  sortRoutePaths,
} from "./router.ts";

Deno.test("pathToPattern - follows Fresh's file naming rules", () => {
  const cases: [string, string][] = [
    ["index", "/"],
    ["about", "/about"],
    ["blog/index", "/blog"],
    ["blog/[slug]", "/blog/:slug"],
    ["(group)/x", "/x"],
    ["(a)/(b)/index", "/"],
    ["old/[...path]", "/old/:path*"],
    ["docs/[[v]]/index", "/docs{/:v}?"],
    ["[id]-x", "/:id-x"],
    ["[a]@[b]", "/:a@:b"],
  ];
  for (const [path, pattern] of cases) {
    equal(pathToPattern(path), pattern, path);
  }
});

Deno.test("pathToPattern - rejects neighbouring params", () => {
  throws(() => pathToPattern("[a][b]"), /Neighbouring/);
});

Deno.test("sortRoutePaths - static, then params, then catch-alls; specials first", () => {
  const sorted = [
    "[...rest].tsx",
    "blog/[slug].tsx",
    "index.tsx",
    "blog/new.tsx",
    "[id].tsx",
    "_middleware.ts",
    "_app.tsx",
    "about.tsx",
  ].sort(sortRoutePaths);
  deepStrictEqual(sorted, [
    "_app.tsx",
    "_middleware.ts",
    "about.tsx",
    "index.tsx",
    "blog/new.tsx",
    "blog/[slug].tsx",
    "[id].tsx",
    "[...rest].tsx",
  ]);
});

Deno.test("compilePattern - matches params, catch-alls and optional segments", () => {
  deepStrictEqual(compilePattern("/blog/:slug").match("/blog/a%2Fb"), {
    slug: "a/b",
  });
  equal(compilePattern("/blog/:slug").match("/blog"), null);
  deepStrictEqual(compilePattern("/old/:path*").match("/old/a/b"), {
    path: "a/b",
  });
  deepStrictEqual(compilePattern("/old/:path*").match("/old"), {});
  deepStrictEqual(compilePattern("/docs{/:v}?").match("/docs"), {});
  deepStrictEqual(compilePattern("/docs{/:v}?").match("/docs/2"), { v: "2" });
  deepStrictEqual(compilePattern("/about").match("/about/"), {});
});

Deno.test("compilePrefix - matches the path and below, on segment boundaries", () => {
  const m = compilePrefix("/api");
  deepStrictEqual(m.match("/api"), {});
  deepStrictEqual(m.match("/api/x/y"), {});
  equal(m.match("/apix"), null);
  deepStrictEqual(compilePrefix("/u/:id").match("/u/7/edit"), { id: "7" });
  deepStrictEqual(compilePrefix("*").match("/anything"), {});
});

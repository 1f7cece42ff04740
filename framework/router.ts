/**
 * Path matching: static paths compare as strings, everything else goes
 * through `URLPattern`. Both trailing-slash forms of a path are accepted.
 *
 * @module
 */

/** A compiled path pattern. */
export interface Matcher {
  /** The source pattern, e.g. `/blog/:slug`. */
  pattern: string;
  /** Whether the pattern has parameters or wildcards (static paths win over these). */
  dynamic: boolean;
  /** URI-decoded params when `pathname` matches, else `null`. */
  match(pathname: string): Record<string, string> | null;
}

/**
 * Compile a URLPattern pathname such as `/blog/:slug` or `/old/:path*`.
 *
 * @example
 * ```ts
 * import { compilePattern } from "./router.ts";
 * compilePattern("/blog/:slug").match("/blog/a%20b"); // { slug: "a b" }
 * ```
 */
export function compilePattern(pattern: string): Matcher {
  if (!/[:*{}()?+]/.test(pattern)) {
    const norm = stripSlash(pattern);
    return {
      pattern,
      dynamic: false,
      match: (p) => stripSlash(p) === norm ? {} : null,
    };
  }
  const urlPattern = new URLPattern({ pathname: pattern });
  return {
    pattern,
    dynamic: true,
    match(p) {
      const res = urlPattern.exec({ pathname: p }) ??
        (p.length > 1 && p.endsWith("/")
          ? urlPattern.exec({ pathname: p.slice(0, -1) })
          : null);
      if (!res) return null;
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.pathname.groups)) {
        if (v === undefined || /^\d+$/.test(k)) continue;
        params[k] = safeDecode(v);
      }
      return params;
    },
  };
}

/**
 * Compile a middleware path: it matches the path itself and everything
 * below it (`/api` matches `/api` and `/api/x`, not `/apix`).
 *
 * @example
 * ```ts
 * import { compilePrefix } from "./router.ts";
 * compilePrefix("/api").match("/api/users"); // {}
 * ```
 */
export function compilePrefix(path: string): Matcher {
  if (path === "*" || path === "/*" || path === "/" || path === "") {
    return { pattern: "*", dynamic: true, match: () => ({}) };
  }
  const base = stripSlash(path.replace(/\/\*$/, ""));
  const exact = compilePattern(base);
  const below = compilePattern(base + "/:__rest*");
  return {
    pattern: path,
    dynamic: true,
    match(p) {
      const m = exact.match(p) ?? below.match(p);
      if (m) delete m.__rest;
      return m;
    },
  };
}

/**
 * Turn a route file path (relative to `routes/`, no extension) into a
 * URLPattern pathname, following Fresh's rules.
 *
 * @example
 * ```ts
 * import { pathToPattern } from "./router.ts";
 * pathToPattern("blog/[slug]"); // "/blog/:slug"
 * pathToPattern("(marketing)/index"); // "/"
 * pathToPattern("old/[...path]"); // "/old/:path*"
 * pathToPattern("docs/[[v]]/index"); // "/docs{/:v}?"
 * ```
 */
export function pathToPattern(path: string): string {
  const parts = path.split("/").filter((p) =>
    p !== "" && p !== "index" && !/^\(.+\)$/.test(p)
  );
  let out = "";
  for (const part of parts) {
    if (/\]\[/.test(part)) {
      throw new SyntaxError(`Neighbouring params are not allowed: ${path}`);
    }
    let m = part.match(/^\[\[([^\]]+)\]\]$/);
    if (m) {
      out += `{/:${m[1]}}?`;
      continue;
    }
    m = part.match(/^\[\.\.\.([^\]]+)\]$/);
    if (m) {
      out += `/:${m[1]}*`;
      continue;
    }
    out += "/" + part.replace(/\[([^\]]+)\]/g, ":$1");
  }
  return out === "" ? "/" : out;
}

/**
 * Sort route paths so static segments come before `[param]`, then
 * `[[optional]]`, then `[...rest]`; special files (`_app`, `_middleware`,
 * `_layout`, `_error`) come first.
 *
 * @example
 * ```ts
 * import { sortRoutePaths } from "./router.ts";
 * ["[id].tsx", "new.tsx"].sort(sortRoutePaths); // ["new.tsx", "[id].tsx"]
 * ```
 */
export function sortRoutePaths(a: string, b: string): number {
  const as = a.split("/");
  const bs = b.split("/");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const sa = segmentRank(as[i], i === as.length - 1);
    const sb = segmentRank(bs[i], i === bs.length - 1);
    if (sa !== sb) return sa - sb;
    if (as[i] !== bs[i]) {
      if (i === as.length - 1 || i === bs.length - 1) {
        if (as.length !== bs.length) return as.length - bs.length;
      }
      return as[i] < bs[i] ? -1 : 1;
    }
  }
  return as.length - bs.length;
}

function segmentRank(seg: string, last: boolean): number {
  const name = last ? seg.replace(/\.[^.]+$/, "") : seg;
  if (last) {
    if (name === "_app") return 0;
    if (name === "_middleware") return 1;
    if (name === "_layout") return 2;
    if (name === "_error") return 3;
  }
  if (name.startsWith("[...")) return 7;
  if (name.startsWith("[[")) return 6;
  if (name.includes("[")) return 5;
  return 4;
}

/**
 * Join a mount path and a route path as Fresh's `mountApp` does: `"/"` and
 * `"*"` at either end collapse, so mounting at `/demos/x` maps `/` to
 * `/demos/x` and `/config` to `/demos/x/config`.
 *
 * @example
 * ```ts
 * import { mergePath } from "./router.ts";
 * mergePath("/demos/x", "/"); // "/demos/x"
 * mergePath("/", "/config"); // "/config"
 * ```
 */
export function mergePath(base: string, path: string): string {
  if (base.endsWith("*")) base = base.slice(0, -1);
  if (base.endsWith("/")) base = base.slice(0, -1);
  if (path === "*") return base === "" ? "*" : base + "/*";
  if (base !== "" && path === "/") return base;
  return base + path;
}

function stripSlash(p: string): string {
  return p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/**
 * Helpers shared by the server renderer and the client runtime, not part of
 * `fresh/runtime`'s API (Fresh keeps the same in `shared_internal.ts`).
 *
 * @module
 */
import type { VNode } from "preact";
import { asset, assetSrcSet } from "./shared.ts";

/**
 * As Fresh, on the server and in the browser: `<img>` and `<source>`
 * `src`/`srcset` pointing at local files get {@link asset} URLs (served as
 * immutable), unless the element has `data-fresh-disable-lock`. Installed as
 * a Preact `options.vnode` hook by the server renderer and the client
 * runtime.
 */
export function assetHashingHook(vnode: VNode): void {
  if (vnode.type !== "img" && vnode.type !== "source") return;
  const props = vnode.props as {
    src?: unknown;
    srcset?: unknown;
    "data-fresh-disable-lock"?: unknown;
  };
  if (props["data-fresh-disable-lock"]) return;
  if (typeof props.src === "string") props.src = asset(props.src);
  if (typeof props.srcset === "string") {
    props.srcset = assetSrcSet(props.srcset);
  }
}

/** How a link's target relates to the current page. */
export const enum UrlMatch {
  None,
  Ancestor,
  Current,
}

/**
 * Fresh's rule for active links: the same path is `Current` (unless the
 * link's query differs: then `Ancestor`), a path below the link's (or any
 * path, for `/`) is `Ancestor`.
 *
 * @example
 * ```ts
 * matchesUrl("/demos/blocks", "/demos"); // UrlMatch.Ancestor
 * ```
 */
export function matchesUrl(
  current: string,
  needle: string,
  currentSearch?: string,
): UrlMatch {
  const url = new URL(needle, "http://localhost");
  let href = url.pathname;
  if (href !== "/" && href.endsWith("/")) href = href.slice(0, -1);
  if (current !== "/" && current.endsWith("/")) current = current.slice(0, -1);
  if (current === href) {
    if (
      url.search && currentSearch !== undefined && url.search !== currentSearch
    ) {
      return UrlMatch.Ancestor;
    }
    return UrlMatch.Current;
  }
  if (current.startsWith(href + "/") || href === "/") return UrlMatch.Ancestor;
  return UrlMatch.None;
}

/**
 * Mark an `<a href="/…">` as Fresh's server does: `aria-current="page"` and
 * `data-current` for the current page, `aria-current="true"` and
 * `data-ancestor` for its ancestors; an explicit `aria-current` is kept.
 */
export function setActiveUrl(vnode: VNode, pathname: string, search?: string) {
  const props = vnode.props as Record<string, unknown>;
  const href = props.href;
  if (typeof href !== "string" || !href.startsWith("/")) return;
  if (props["aria-current"] !== undefined) return;
  const match = matchesUrl(pathname, href, search);
  if (match === UrlMatch.Current) {
    props["data-current"] = "true";
    props["aria-current"] = "page";
  } else if (match === UrlMatch.Ancestor) {
    props["data-ancestor"] = "true";
    props["aria-current"] = "true";
  }
}

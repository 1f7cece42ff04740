/**
 * Turns a page vnode into a full HTML document, as Fresh's `ctx.render`:
 * the page (with its layouts) renders first, collecting its `<Head>` tags;
 * then the app wrapper (`_app`) renders around it, its head tags replaced by
 * the page's tags with the same key and the rest added at the end of
 * `<head>`; a missing `<html>`/`<head>`/`<body>` is added. Only when islands
 * were rendered is the boot `<script type="module">` appended to `<body>`.
 *
 * @module
 */
import { Fragment, h, type VNode } from "preact";
import type { ComponentType } from "preact";
import { renderToString } from "preact-render-to-string";
import { stringify } from "../../jsonify/stringify.ts";
import {
  comment,
  createRenderState,
  type IslandInfo,
  RENDER,
  SERVER_STRINGIFIERS,
} from "./preact_hooks.ts";

/** What rendering needs to know about the build. */
export interface RenderEnv {
  /** Build id used in `/_fresh/js/<BUILD_ID>/` URLs. */
  buildId: string;
  /** Island components by identity. */
  islands: Map<ComponentType, IslandInfo>;
  /** Client runtime chunk path below `/_fresh/js/<BUILD_ID>/`. */
  runtimeChunk: string;
}

/** The rendered document and the modulepreload URLs it needs. */
export interface RenderedPage {
  html: string;
  preload: string[];
  /** The nonce of this render's inline scripts and styles. */
  nonce: string;
}

/** Options of {@link renderPage}. */
export interface RenderOptions {
  /**
   * The app wrapper, built with {@link PageSlot} as its `Component`: it is
   * rendered after the page, around it.
   */
  app?: VNode | null;
  /** The request URL (marks active links). */
  url?: URL;
}

/**
 * The `Component` an app wrapper gets: where the page goes.
 *
 * @example
 * ```tsx
 * renderPage(<p>hi</p>, env, { app: <html><body><PageSlot /></body></html> });
 * ```
 */
export function PageSlot(): VNode {
  // A comment renders only as a child, not as a component's own result.
  return h(Fragment, null, [comment(`frsh-page:${RENDER.current?.nonce}`)]);
}

/**
 * Render `vnode` to a complete HTML document.
 *
 * @example
 * ```tsx
 * import { renderPage } from "./render.ts";
 * const { html } = renderPage(<p>hi</p>, { buildId: "x", islands: new Map(), runtimeChunk: "r.js" });
 * // '<!DOCTYPE html><html><head><meta charset="utf-8"/></head><body><p>hi</p></body></html>'
 * ```
 */
export function renderPage(
  vnode: VNode,
  env: RenderEnv,
  opts: RenderOptions = {},
): RenderedPage {
  const state = createRenderState(env.islands, opts.url ?? null);
  const prev = RENDER.current;
  RENDER.current = state;
  const slot = `<!--frsh-page:${state.nonce}-->`;
  let html: string;
  try {
    html = renderToString(vnode);
    if (opts.app) {
      const page = html;
      html = renderToString(opts.app).replace(slot, () => page);
    }
    const { rendered } = state;
    if (!rendered.html || !rendered.head || !rendered.body) {
      const page = html;
      // deno-lint-ignore no-explicit-any
      let doc: VNode<any> = h(PageSlot, {});
      if (!rendered.body) doc = h("body", null, doc);
      if (!rendered.head) {
        doc = h(
          Fragment,
          null,
          h("head", null, h("meta", { charset: "utf-8" })),
          doc,
        );
      }
      if (!rendered.html) doc = h("html", null, doc);
      html = renderToString(doc).replace(slot, () => page);
    }
  } finally {
    RENDER.current = prev;
  }

  html = "<!DOCTYPE html>" + html;
  const preload: string[] = [];
  if (state.used.size > 0) {
    const base = `/_fresh/js/${env.buildId}/`;
    const byChunk = new Map<string, IslandInfo[]>();
    for (const info of state.used) {
      byChunk.set(info.chunk, [...(byChunk.get(info.chunk) ?? []), info]);
    }
    preload.push(
      base + env.runtimeChunk,
      ...[...byChunk.keys()].map((c) => base + c),
    );
    const imports = [...byChunk].map(([chunk, infos]) =>
      `import { ${
        infos.map((i) => `${i.exportName} as ${i.name}`).join(", ")
      } } from "${base + chunk}";`
    );
    const props = stringify(state.islandProps, SERVER_STRINGIFIERS);
    const script =
      `<script type="module" nonce="${state.nonce}">import { boot as $$boot } from "${
        base + env.runtimeChunk
      }";${imports.join("")}$$boot({${
        [...state.used].map((i) => i.name).join(",")
      }},${escapeScript(JSON.stringify(props))},${
        JSON.stringify(env.buildId)
      });</script>`;
    html = injectBeforeClose(html, "body", script);
  }
  return { html, preload, nonce: state.nonce };
}

/** Escape text for an inline `<script>` (no `</script`, no `<!--`). */
export function escapeScript(text: string): string {
  return text.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function injectBeforeClose(html: string, tag: string, text: string): string {
  const i = html.toLowerCase().lastIndexOf(`</${tag}>`);
  return i === -1 ? html + text : html.slice(0, i) + text + html.slice(i);
}

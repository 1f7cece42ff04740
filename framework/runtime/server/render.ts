/**
 * Turns a page vnode into a full HTML document: renders it with island
 * markers, moves `<Head>` children into `<head>` and, only when islands were
 * rendered, appends the boot `<script type="module">` to `<body>`.
 *
 * @module
 */
import type { ComponentType, VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { stringify } from "../../jsonify/stringify.ts";
import { HEAD_SINK } from "../head.ts";
import {
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
}

/**
 * Render `vnode` to a complete HTML document.
 *
 * @example
 * ```tsx
 * import { renderPage } from "./render.ts";
 * const { html } = renderPage(<p>hi</p>, { buildId: "x", islands: new Map(), runtimeChunk: "r.js" });
 * // "<!DOCTYPE html><html><head></head><body><p>hi</p></body></html>"
 * ```
 */
export function renderPage(vnode: VNode, env: RenderEnv): RenderedPage {
  const state = createRenderState(env.islands);
  const head: VNode[] = [];
  const prev = RENDER.current;
  const prevHead = HEAD_SINK.current;
  RENDER.current = state;
  HEAD_SINK.current = head;
  let body: string;
  let headHtml: string;
  try {
    body = renderToString(vnode);
    HEAD_SINK.current = null;
    headHtml = head.length ? renderToString(head as unknown as VNode) : "";
  } finally {
    RENDER.current = prev;
    HEAD_SINK.current = prevHead;
  }

  let html = ensureDocument(body);
  if (headHtml) html = injectHead(html, headHtml);
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
    const script = `<script type="module">import { boot as $$boot } from "${
      base + env.runtimeChunk
    }";${imports.join("")}$$boot({${
      [...state.used].map((i) => i.name).join(",")
    }},${escapeScript(JSON.stringify(props))},${
      JSON.stringify(env.buildId)
    });</script>`;
    html = injectBeforeClose(html, "body", script);
  }
  return { html, preload };
}

/** Escape text for an inline `<script>` (no `</script`, no `<!--`). */
export function escapeScript(text: string): string {
  return text.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function ensureDocument(body: string): string {
  let html = body;
  if (!/^\s*<html[\s>]/i.test(html)) {
    html = `<html><head></head><body>${html}</body></html>`;
  } else {
    if (!/<head[\s>]/i.test(html)) {
      html = html.replace(/<html([^>]*)>/i, "<html$1><head></head>");
    }
    if (!/<body[\s>]/i.test(html)) {
      html = html.replace(/<\/head>/i, "</head><body>")
        .replace(/<\/html>\s*$/i, "</body></html>");
    }
  }
  return "<!DOCTYPE html>" + html;
}

function injectBeforeClose(html: string, tag: string, text: string): string {
  const i = html.toLowerCase().lastIndexOf(`</${tag}>`);
  return i === -1 ? html + text : html.slice(0, i) + text + html.slice(i);
}

function injectHead(html: string, extra: string): string {
  const start = html.search(/<head[\s>]/i);
  const end = html.toLowerCase().indexOf("</head>");
  if (start === -1 || end === -1) return html;
  let head = html.slice(start, end);
  // Later tags win: drop the document's <title> and metas they replace.
  if (/<title[\s>]/i.test(extra)) {
    head = head.replace(/<title[\s>][\s\S]*?<\/title>/gi, "");
  }
  for (const m of extra.matchAll(/<meta[^>]*\s(name|property)="([^"]*)"/gi)) {
    const re = new RegExp(
      `<meta[^>]*\\s${m[1]}="${escapeRe(m[2])}"[^>]*>`,
      "gi",
    );
    head = head.replace(re, "");
  }
  return html.slice(0, start) + head + extra + html.slice(end);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

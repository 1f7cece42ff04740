/**
 * @module
 * `GET {P}/theme.css`: the CSS variables of Gradio's default theme, which
 * Gradio's web component links once it has read `/config` (as
 * `{root}/theme.css?v={theme_hash}`) and styles every component with.
 */
import type { Context } from "fresh";
import { THEME_CSS, THEME_HASH } from "../../lib/gradio/theme.ts";
import type { State } from "../../utils.ts";

const ETAG = `"${THEME_HASH.slice(0, 32)}"`;

/**
 * Answers the theme (304 when the client has it).
 *
 * @example
 * ```ts
 * // curl http://localhost:8000/demos/interface/theme.css → ":root {\n  --primary-50: #fff7ed; …"
 * ```
 */
export function getThemeCss(ctx: Context<State>): Response {
  const headers = {
    "Content-Type": "text/css; charset=utf-8",
    "Cache-Control": "public, max-age=3600",
    ETag: ETAG,
  };
  if (ctx.req.headers.get("if-none-match") === ETAG) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(THEME_CSS, { headers });
}

/**
 * @module
 * `GET {app}/theme.css`: the CSS custom properties Gradio's frontend styles
 * every component with, generated from theme variables the way Gradio's
 * `ThemeClass._get_theme_css()` does — `--name: value` under `:root`, the
 * `_dark` values under `:root.dark, :root .dark`, `*other` references as
 * `var(--other)` — plus `theme_hash` (SHA-256 of the CSS, as Gradio's).
 *
 * @example
 * ```ts
 * THEME_CSS.startsWith(":root {\n  --primary-50: #fff7ed;"); // true
 * THEME_HASH.length; // 64
 * ```
 */
import { createHash } from "node:crypto";
import { DEFAULT_THEME } from "./theme_default.ts";

const REF = /\*([\w_]+)\b/g;

/**
 * Theme variables → `theme.css` (light values on `:root`, dark ones on
 * `.dark`; a variable without a `_dark` value keeps its light value there).
 *
 * @example
 * ```ts
 * themeCss({ a_b: "1px", c: "*a_b", c_dark: "2px" });
 * // ":root {\n  --a-b: 1px;\n  --c: var(--a-b);\n}\n:root.dark, :root .dark {\n  --c: 2px;\n  --a-b: 1px;\n}\n"
 * ```
 */
export function themeCss(vars: Readonly<Record<string, string>>): string {
  const light = new Map<string, string>();
  const dark = new Map<string, string>();
  for (const [name, raw] of Object.entries(vars)) {
    const value = raw.replace(REF, (_, ref: string) => {
      if (ref.endsWith("_dark")) {
        throw new Error(`theme: ${name} refers to a _dark variable (${ref})`);
      }
      return `var(--${ref.replaceAll("_", "-")})`;
    });
    const prop = name.replaceAll("_", "-");
    if (prop.endsWith("-dark")) dark.set(prop.slice(0, -5), value);
    else light.set(prop, value);
  }
  for (const [prop, value] of light) if (!dark.has(prop)) dark.set(prop, value);
  const block = (selector: string, m: Map<string, string>) =>
    `${selector} {\n${
      [...m].map(([p, v]) => `  --${p}: ${v};`).join("\n")
    }\n}\n`;
  return block(":root", light) + block(":root.dark, :root .dark", dark);
}

/** SHA-256 hex of `css` (what Gradio puts in the config's `theme_hash`). */
export function themeHash(css: string): string {
  return createHash("sha256").update(css).digest("hex");
}

/**
 * A variable's value with every `*reference` resolved (`_dark` names
 * resolve through dark values, falling back to light ones), as Gradio's
 * `_get_computed_value`.
 *
 * @example
 * ```ts
 * computedValue({ a: "#fff", b: "*a", b_dark: "#000" }, "b"); // "#fff"
 * ```
 */
export function computedValue(
  vars: Readonly<Record<string, string>>,
  name: string,
  depth = 0,
): string {
  if (depth > 100) return "";
  const dark = name.endsWith("_dark");
  const raw = vars[name] ?? (dark ? vars[name.slice(0, -5)] : undefined) ??
    "";
  return raw.replace(
    REF,
    (_, ref: string) =>
      computedValue(vars, dark ? `${ref}_dark` : ref, depth + 1),
  );
}

/** `theme.css` of Gradio's default theme, as every app serves it. */
export const THEME_CSS: string = themeCss(DEFAULT_THEME);

/** The config's `theme_hash` for {@link THEME_CSS}. */
export const THEME_HASH: string = themeHash(THEME_CSS);

/** The config's `body_css`: the page colours before `theme.css` loads. */
export const BODY_CSS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    "body_background_fill",
    "body_text_color",
    "body_background_fill_dark",
    "body_text_color_dark",
  ].map((n) => [n, computedValue(DEFAULT_THEME, n)]),
);

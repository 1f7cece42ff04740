/**
 * @module
 * Triggers: Button, the Clear button (resets components in the browser,
 * no server call) and Examples (a table of sample inputs; a click fills the
 * inputs). The Clear button and Examples are placed with
 * `b.clearButton(...)` and `b.examples(...)` since they refer to other
 * components.
 */
import type { ComponentSpec } from "./types.ts";
import { clean, type CommonOptions, commonProps } from "./component.ts";

/** Options of {@link button}. */
export interface ButtonOptions
  extends Omit<CommonOptions, "label" | "showLabel" | "info"> {
  /** The button's text. */
  value?: string;
  /** Look: primary (filled), secondary (default) or stop (red). */
  variant?: "primary" | "secondary" | "stop";
  size?: "sm" | "md" | "lg";
}

/**
 * A button; bind functions with `.click(fn, inputs, outputs)`.
 *
 * @example
 * ```ts
 * b.add(button({ value: "Send hello", variant: "primary" })).click(greet, [name, intensity], out);
 * button("Run").props.value; // "Run"
 * ```
 */
export function button(
  opts: ButtonOptions | string = {},
): ComponentSpec<string, string> {
  const o = typeof opts === "string" ? { value: opts } : opts;
  return {
    type: "button",
    interactive: true,
    props: clean({
      ...commonProps(o),
      value: o.value ?? "Run",
      variant: o.variant ?? "secondary",
      size: o.size,
    }),
    preprocess: (wire) => String(wire ?? o.value ?? ""),
    postprocess: (v) => String(v ?? ""),
    apiInfo: () => ({ type: "string" }),
    examplePayload: () => o.value ?? "Run",
  };
}

/**
 * A button that resets `targets` (component ids) to their initial values in the browser.
 * Gradio's `ClearButton`; use `b.clearButton([...])`.
 */
export function clearButtonSpec(
  targets: number[],
  opts: ButtonOptions = {},
): ComponentSpec<string, string> {
  const spec = button({ value: "Clear", ...opts });
  return { ...spec, props: { ...spec.props, clears: targets } };
}

/**
 * A table of sample inputs; clicking a row copies it into the components
 * `targets`. Gradio's `Dataset` (what `gr.Examples` renders); use `b.examples(...)`.
 */
export function examplesSpec(
  samples: unknown[][],
  targets: number[],
  opts: { label?: string; headers?: string[] } = {},
): ComponentSpec<number, number> {
  return {
    type: "dataset",
    kind: "examples",
    interactive: true,
    props: clean({
      label: opts.label ?? "Examples",
      samples,
      components: targets,
      headers: opts.headers,
    }),
    preprocess: (wire) => Number(wire),
    postprocess: (v) => Number(v),
    apiInfo: () => ({ type: "integer" }),
    examplePayload: () => 0,
  };
}

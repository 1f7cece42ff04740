/**
 * @module
 * Text components: Textbox, TextArea (a Textbox with 7 lines), Number and
 * Markdown. Wire values are plain JSON strings and numbers.
 */
import { BlocksInputError, type ComponentSpec } from "./types.ts";
import { clean, type CommonOptions, commonProps, expect } from "./component.ts";

/** Options of {@link textbox}. */
export interface TextboxOptions extends CommonOptions {
  /** Initial text. */
  value?: string;
  /** Visible lines (1 = single line). Default 1. */
  lines?: number;
  /** Most lines the box grows to. Default 20. */
  maxLines?: number;
  placeholder?: string;
  /** Input type. Default "text". */
  type?: "text" | "password" | "email";
  /** Longest accepted value, in characters. */
  maxLength?: number;
  /** Show a copy button (outputs). */
  showCopyButton?: boolean;
}

/**
 * A text input or output; the wire value is a string.
 *
 * @example
 * ```ts
 * const name = textbox({ label: "Enter your name", placeholder: "Linh" });
 * name.preprocess("Linh", ctx); // "Linh"
 * ```
 */
export function textbox(
  opts: TextboxOptions = {},
): ComponentSpec<string, string> {
  return textLike("textbox", opts, 1);
}

/**
 * Gradio's `TextArea`: a {@link textbox} with 7 lines (`data-component="textarea"`).
 *
 * @example
 * ```ts
 * const out = textArea({ label: "Greeting" });
 * out.props.lines; // 7
 * ```
 */
export function textArea(
  opts: TextboxOptions = {},
): ComponentSpec<string, string> {
  return { ...textLike("textbox", opts, 7), kind: "textarea" };
}

function textLike(
  type: string,
  opts: TextboxOptions,
  lines: number,
): ComponentSpec<string, string> {
  const maxLength = opts.maxLength;
  return {
    type,
    interactive: true,
    props: clean({
      ...commonProps(opts),
      value: opts.value ?? "",
      lines: opts.lines ?? lines,
      max_lines: opts.maxLines ?? Math.max(20, opts.lines ?? lines),
      placeholder: opts.placeholder,
      type: opts.type ?? "text",
      max_length: maxLength,
      show_copy_button: opts.showCopyButton,
    }),
    preprocess(wire) {
      if (wire === null || wire === undefined) return "";
      expect(
        typeof wire === "string" || typeof wire === "number",
        "Expected a string.",
      );
      const s = String(wire);
      expect(
        maxLength === undefined || s.length <= maxLength,
        `The text is longer than ${maxLength} characters.`,
      );
      return s;
    },
    postprocess(value) {
      return value === null || value === undefined ? "" : String(value);
    },
    apiInfo: () => ({ type: "string" }),
    examplePayload: () => "Hello!!",
  };
}

/** Options of {@link number}. */
export interface NumberOptions extends CommonOptions {
  value?: number | null;
  minimum?: number;
  maximum?: number;
  /** Increment of the arrows. Default 1. */
  step?: number;
  /** Decimal places to round to (0 = integer); unset keeps the value. */
  precision?: number;
  placeholder?: string;
}

/**
 * A numeric input or output; the wire value is a number (or null when empty).
 *
 * @example
 * ```ts
 * const n = number({ minimum: 0, maximum: 10, precision: 0 });
 * n.preprocess(3.4, ctx); // 3
 * n.preprocess(11, ctx);  // throws BlocksInputError
 * ```
 */
export function number(
  opts: NumberOptions = {},
): ComponentSpec<number | null, number | null> {
  const { minimum, maximum, precision } = opts;
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
    throw new Error("number: minimum must not exceed maximum");
  }
  const round = (n: number) =>
    precision === undefined ? n : Number(n.toFixed(precision));
  return {
    type: "number",
    interactive: true,
    props: clean({
      ...commonProps(opts),
      value: opts.value ?? null,
      minimum,
      maximum,
      step: opts.step ?? 1,
      precision,
      placeholder: opts.placeholder,
    }),
    preprocess(wire) {
      if (wire === null || wire === undefined || (wire as unknown) === "") {
        return null;
      }
      const n = typeof wire === "string" ? Number(wire) : wire;
      expect(typeof n === "number" && Number.isFinite(n), "Expected a number.");
      expect(
        minimum === undefined || n >= minimum,
        `The value must be at least ${minimum}.`,
      );
      expect(
        maximum === undefined || n <= maximum,
        `The value must be at most ${maximum}.`,
      );
      return round(n);
    },
    postprocess(value) {
      if (value === null || value === undefined) return null;
      const n = Number(value);
      if (!Number.isFinite(n)) {
        throw new Error("number output: not a finite number");
      }
      return round(n);
    },
    apiInfo: () => ({ type: "number" }),
    examplePayload: () => minimum ?? 3,
  };
}

/** Options of {@link markdown}. */
export interface MarkdownOptions extends CommonOptions {
  /** Markdown text (headings, emphasis, code, links, lists). */
  value?: string;
}

/**
 * Formatted text (static, or an output showing a function's Markdown string).
 * Raw HTML is escaped, never rendered.
 *
 * @example
 * ```ts
 * markdown({ value: "## Pet Image Segmentation" });
 * markdown("## Title"); // shorthand
 * ```
 */
export function markdown(
  opts: MarkdownOptions | string = {},
): ComponentSpec<string, string> {
  const o = typeof opts === "string" ? { value: opts } : opts;
  return {
    type: "markdown",
    interactive: false,
    props: clean({ ...commonProps(o), value: o.value ?? "" }),
    preprocess(wire) {
      if (wire === null || wire === undefined) return "";
      if (typeof wire !== "string") {
        throw new BlocksInputError("Expected a string.");
      }
      return wire;
    },
    postprocess: (value) =>
      value === null || value === undefined ? "" : String(value),
    apiInfo: () => ({ type: "string" }),
    examplePayload: () => "**bold** text",
  };
}

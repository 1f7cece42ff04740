/**
 * @module
 * Gradio's `Interface`: a function, its inputs and outputs (components or
 * string shortcuts such as `"text"` or `"image"`) become a full Blocks app —
 * inputs on the left with Clear and Submit, outputs on the right, examples
 * below.
 */
import { blocks, type BlocksFn, type Handle } from "./blocks.ts";
import type { BlocksApp } from "./blocks_app.ts";
import type { ComponentSpec } from "./types.ts";
import { markdown, number, textArea, textbox } from "./text.ts";
import { checkbox, slider } from "./choice.ts";
import { audio, file, image, microphone, sketchpad, video } from "./media.ts";
import { gallery } from "./gallery.ts";
import { dataframe, json, label } from "./data.ts";
import { button } from "./button.ts";

/** A component or one of Gradio's string shortcuts. */
export type ComponentLike = ComponentSpec | string;

const SHORTCUTS: Record<
  string,
  (o: { label: string; interactive?: boolean }) => ComponentSpec
> = {
  text: textbox,
  textbox: textbox,
  textarea: textArea,
  number: number,
  slider: slider,
  checkbox: checkbox,
  image: image,
  file: file,
  audio: audio,
  microphone: microphone,
  video: video,
  sketchpad: sketchpad,
  label: label,
  json: json,
  dataframe: dataframe,
  gallery: gallery,
  markdown: markdown,
};

/** Names accepted by {@link shortcut}. */
export const SHORTCUT_NAMES: readonly string[] = Object.keys(SHORTCUTS);

/**
 * Builds a component from a Gradio string shortcut (`"text"`, `"slider"`,
 * `"image"`…), labelled `label`; outputs are read-only.
 *
 * @example
 * ```ts
 * shortcut("text", "name").type;           // "textbox"
 * shortcut("image", "output", false).props; // { label: "output", interactive: false, … }
 * ```
 */
export function shortcut(
  name: string,
  label: string,
  interactive?: boolean,
): ComponentSpec {
  const make = SHORTCUTS[name.toLowerCase()];
  if (!make) {
    throw new Error(
      `Unknown component shortcut "${name}" (known: ${
        SHORTCUT_NAMES.join(", ")
      }).`,
    );
  }
  return make({ label, interactive });
}

/** Options of {@link Interface}. */
export interface InterfaceOptions {
  /** The function; its parameter names label string-shortcut inputs. */
  fn: BlocksFn;
  inputs: ComponentLike | ComponentLike[];
  outputs: ComponentLike | ComponentLike[];
  title?: string;
  /** Markdown under the title. */
  description?: string;
  /** Sample inputs, one list of wire values per example. */
  examples?: unknown[][];
  /** Endpoint name; default the function's name. */
  apiName?: string;
  /** Extra endpoint names (e.g. Gradio 4's `predict`). */
  aliases?: string[];
  /** Text of the submit button. Default "Submit". */
  submitBtn?: string;
  /** Text of the clear button. Default "Clear". */
  clearBtn?: string;
  /** Store limit for uploads. */
  maxFileBytes?: number;
  concurrencyLimit?: number;
  timeLimitMs?: number;
}

/**
 * Gradio's `gr.Interface`, as one call.
 *
 * @example
 * ```ts
 * function greet(name: string, intensity: number) { return Array(intensity).fill(`Hello, ${name}`).join("\n"); }
 * const demo = Interface({ fn: greet, inputs: ["text", "slider"], outputs: ["text"] });
 * demo.endpoint("greet")?.inputs.length; // 2
 * ```
 */
export function Interface(opts: InterfaceOptions): BlocksApp {
  const inputs = Array.isArray(opts.inputs) ? opts.inputs : [opts.inputs];
  const outputs = Array.isArray(opts.outputs) ? opts.outputs : [opts.outputs];
  const params = parameterNames(opts.fn);
  const title = opts.title;
  return blocks({
    title: title ?? "Interface",
    description: opts.description,
    maxFileBytes: opts.maxFileBytes,
  }, (b) => {
    if (title) {
      b.add(markdown({ value: `# ${title}`, elemClasses: ["bk-title"] }));
    }
    if (opts.description) {
      b.add(
        markdown({ value: opts.description, elemClasses: ["bk-description"] }),
      );
    }
    let ins: Handle[] = [];
    let outs: Handle[] = [];
    let clear: Handle | undefined;
    let submit: Handle | undefined;
    b.row(() => {
      b.column(() => {
        ins = inputs.map((c, i) =>
          b.add(
            typeof c === "string" ? shortcut(c, params[i] ?? `input ${i}`) : c,
          )
        );
        b.row(() => {
          clear = b.clearButton([], { value: opts.clearBtn ?? "Clear" });
          submit = b.add(
            button({ value: opts.submitBtn ?? "Submit", variant: "primary" }),
          );
        });
      });
      b.column(() => {
        outs = outputs.map((c, i) =>
          b.add(
            typeof c === "string"
              ? shortcut(
                c,
                outputs.length === 1 ? "output" : `output ${i}`,
                false,
              )
              : c,
          )
        );
      });
    });
    (clear!.spec.props.clears as number[]).push(
      ...[...ins, ...outs].map((h) => h.id),
    );
    submit!.click(opts.fn, ins, outs, {
      apiName: opts.apiName,
      aliases: opts.aliases,
      concurrencyLimit: opts.concurrencyLimit,
      timeLimitMs: opts.timeLimitMs,
    });
    if (opts.examples?.length) b.examples(opts.examples, ins);
  });
}

/**
 * Parameter names of a function, from its source (as Gradio reads them for labels).
 *
 * @example
 * ```ts
 * parameterNames(function greet(name: string, intensity = 1) { return name; }); // ["name", "intensity"]
 * ```
 */
export function parameterNames(fn: BlocksFn): string[] {
  const src = Function.prototype.toString.call(fn);
  const m = src.match(/^[^(]*\(([^)]*)\)/) ??
    src.match(/^\s*(?:async\s+)?([\w$]+)\s*=>/);
  if (!m) return [];
  return m[1].split(",").map((p) =>
    p.trim().replace(/^\.\.\./, "").split(/[=:\s]/)[0]
  ).filter((p) => /^[\w$]+$/.test(p));
}

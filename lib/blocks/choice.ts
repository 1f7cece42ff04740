/**
 * @module
 * Choice components: Slider, Radio, Dropdown, Checkbox. Values cross the wire
 * as JSON numbers, strings, booleans or lists; out-of-range values and
 * unknown choices are refused with a {@link BlocksInputError}.
 */
import type { ComponentSpec } from "./types.ts";
import { clean, type CommonOptions, commonProps, expect } from "./component.ts";

/** Options of {@link slider}. */
export interface SliderOptions extends CommonOptions {
  /** Default 0. */
  minimum?: number;
  /** Default 100. */
  maximum?: number;
  /** Default `minimum`. */
  value?: number;
  /** Default 1. */
  step?: number;
}

/**
 * A range slider; the wire value is a number within [minimum, maximum].
 *
 * @example
 * ```ts
 * const intensity = slider({ minimum: 1, maximum: 20, step: 2 });
 * intensity.props.value;           // 1
 * intensity.preprocess(3, ctx);    // 3
 * intensity.preprocess(21, ctx);   // throws BlocksInputError
 * ```
 */
export function slider(
  opts: SliderOptions = {},
): ComponentSpec<number, number> {
  const minimum = opts.minimum ?? 0;
  const maximum = opts.maximum ?? 100;
  const step = opts.step ?? 1;
  if (minimum >= maximum) {
    throw new Error("slider: minimum must be below maximum");
  }
  if (!(step > 0)) throw new Error("slider: step must be positive");
  const value = opts.value ?? minimum;
  if (value < minimum || value > maximum) {
    throw new Error("slider: value out of range");
  }
  return {
    type: "slider",
    interactive: true,
    props: clean({ ...commonProps(opts), minimum, maximum, step, value }),
    preprocess(wire) {
      const n = typeof wire === "string" ? Number(wire) : wire;
      expect(typeof n === "number" && Number.isFinite(n), "Expected a number.");
      expect(
        n >= minimum && n <= maximum,
        `The value must be between ${minimum} and ${maximum}.`,
      );
      return n;
    },
    postprocess(v) {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error("slider output: not a number");
      return Math.min(maximum, Math.max(minimum, n));
    },
    apiInfo: () => ({ type: "number", minimum, maximum }),
    examplePayload: () => minimum,
  };
}

/** A choice: a value shown as itself, or `[label, value]`. */
export type Choice = string | number | [string, string | number];

/** Normalizes choices to Gradio's `[label, value]` pairs. */
export function normalizeChoices(
  choices: Choice[],
): [string, string | number][] {
  return choices.map((c) =>
    Array.isArray(c) ? [String(c[0]), c[1]] : [String(c), c]
  );
}

/** Options of {@link radio} and {@link dropdown}. */
export interface ChoiceOptions extends CommonOptions {
  choices: Choice[];
  /** Initial choice (a value, or a list with `multiselect`). */
  value?: string | number | (string | number)[] | null;
  /** The function gets the chosen value (default) or its index. */
  type?: "value" | "index";
}

/**
 * One of several choices, as radio buttons.
 *
 * @example
 * ```ts
 * const pet = radio({ label: "Pet", choices: ["cat", "dog"] });
 * pet.preprocess("dog", ctx); // "dog"
 * ```
 */
export function radio(
  opts: ChoiceOptions,
): ComponentSpec<string | number | null, unknown> {
  return single("radio", opts, {});
}

/** Options of {@link dropdown}. */
export interface DropdownOptions extends ChoiceOptions {
  /** Allow choosing several (wire value is a list). */
  multiselect?: boolean;
  /** Most choices with `multiselect`. */
  maxChoices?: number;
  /** Accept values not in `choices`. */
  allowCustomValue?: boolean;
}

/**
 * A drop-down menu; with `multiselect` the wire value is a list.
 *
 * @example
 * ```ts
 * const toppings = dropdown({ choices: ["cheese", "ham"], multiselect: true });
 * toppings.preprocess(["ham"], ctx); // ["ham"]
 * ```
 */
export function dropdown(
  opts: DropdownOptions,
): ComponentSpec<unknown, unknown> {
  if (!opts.multiselect) {
    return single("dropdown", opts, {
      allow_custom_value: opts.allowCustomValue,
    }) as ComponentSpec<unknown, unknown>;
  }
  const choices = normalizeChoices(opts.choices);
  const values = choices.map((c) => c[1]);
  const max = opts.maxChoices;
  const initial = opts.value === undefined || opts.value === null
    ? []
    : Array.isArray(opts.value)
    ? opts.value
    : [opts.value];
  return {
    type: "dropdown",
    interactive: true,
    props: clean({
      ...commonProps(opts),
      choices,
      value: initial,
      multiselect: true,
      max_choices: max,
      allow_custom_value: opts.allowCustomValue,
      type: opts.type ?? "value",
    }),
    preprocess(wire) {
      const list = wire === null || wire === undefined
        ? []
        : Array.isArray(wire)
        ? wire
        : [wire];
      expect(max === undefined || list.length <= max, `Choose at most ${max}.`);
      for (const v of list) {
        expect(
          opts.allowCustomValue || values.includes(v as string),
          `"${String(v).slice(0, 40)}" is not one of the choices.`,
        );
      }
      return opts.type === "index"
        ? list.map((v) => values.indexOf(v as string))
        : list;
    },
    postprocess: (v) =>
      v === null || v === undefined ? [] : Array.isArray(v) ? v : [v],
    apiInfo: () => ({ type: "array", items: { type: "string", enum: values } }),
    examplePayload: () => values.slice(0, 1),
  };
}

function single(
  type: string,
  opts: ChoiceOptions,
  extra: Record<string, unknown>,
): ComponentSpec<string | number | null, unknown> {
  const choices = normalizeChoices(opts.choices);
  const values = choices.map((c) => c[1]);
  const custom = extra.allow_custom_value === true;
  return {
    type,
    interactive: true,
    props: clean({
      ...commonProps(opts),
      choices,
      value: opts.value ?? null,
      type: opts.type ?? "value",
      ...extra,
    }),
    preprocess(wire) {
      if (wire === null || wire === undefined) return null;
      expect(
        custom || values.includes(wire),
        `"${String(wire).slice(0, 40)}" is not one of the choices.`,
      );
      return opts.type === "index" ? values.indexOf(wire) : wire;
    },
    postprocess: (v) => (v === undefined ? null : v as string | number | null),
    apiInfo: () => ({
      type: typeof values[0] === "number" ? "number" : "string",
      enum: values,
    }),
    examplePayload: () => values[0] ?? null,
  };
}

/** Options of {@link checkbox}. */
export interface CheckboxOptions extends CommonOptions {
  value?: boolean;
}

/**
 * A tick box; the wire value is a boolean.
 *
 * @example
 * ```ts
 * checkbox({ label: "Overlay" }).preprocess(true, ctx); // true
 * ```
 */
export function checkbox(
  opts: CheckboxOptions = {},
): ComponentSpec<boolean, boolean> {
  return {
    type: "checkbox",
    interactive: true,
    props: clean({ ...commonProps(opts), value: opts.value ?? false }),
    preprocess(wire) {
      expect(
        typeof wire === "boolean" || wire === null || wire === undefined,
        "Expected true or false.",
      );
      return wire === true;
    },
    postprocess: (v) => Boolean(v),
    apiInfo: () => ({ type: "boolean" }),
    examplePayload: () => true,
  };
}

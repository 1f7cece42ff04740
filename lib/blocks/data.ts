/**
 * @module
 * Data components: Label (top classes with confidences), Dataframe (a table,
 * `{headers, data}` on the wire) and JSON (any JSON value).
 */
import type { ComponentSpec } from "./types.ts";
import { clean, type CommonOptions, commonProps, expect } from "./component.ts";

/** Label's wire value (Gradio's shape). */
export interface LabelValue {
  label: string | null;
  confidences?: { label: string; confidence: number }[];
}

/** Options of {@link label}. */
export interface LabelOptions extends CommonOptions {
  /** Show only the best N classes. */
  numTopClasses?: number;
  /** Bar colour (CSS). */
  color?: string;
}

/**
 * Classification output: give it `{cat: 0.9, dog: 0.1}` (or a plain string)
 * and it shows the top class with confidence bars.
 *
 * @example
 * ```ts
 * const l = label({ numTopClasses: 2 });
 * l.postprocess({ cat: 0.7, dog: 0.2, fox: 0.1 }, ctx);
 * // { label: "cat", confidences: [{ label: "cat", confidence: 0.7 }, { label: "dog", confidence: 0.2 }] }
 * ```
 */
export function label(
  opts: LabelOptions = {},
): ComponentSpec<LabelValue | null, unknown> {
  const top = opts.numTopClasses;
  return {
    type: "label",
    interactive: false,
    props: clean({
      ...commonProps(opts),
      value: null,
      num_top_classes: top,
      color: opts.color,
    }),
    preprocess(wire) {
      if (wire === null || wire === undefined) return null;
      expect(
        typeof wire === "object" && !Array.isArray(wire),
        "Expected {label, confidences}.",
      );
      if (!wire.confidences) return wire.label;
      return Object.fromEntries(
        wire.confidences.map((c) => [c.label, c.confidence]),
      );
    },
    postprocess(value) {
      if (value === null || value === undefined) return null;
      if (typeof value === "string" || typeof value === "number") {
        return { label: String(value) };
      }
      if (typeof value === "object" && "confidences" in (value as object)) {
        const v = value as LabelValue;
        return {
          label: v.label,
          confidences: sortTop(v.confidences ?? [], top),
        };
      }
      if (typeof value !== "object" || Array.isArray(value)) {
        throw new Error(
          "label output: expected a string or {class: confidence}",
        );
      }
      const confidences = sortTop(
        Object.entries(value as Record<string, number>).map(([label, c]) => ({
          label,
          confidence: Number(c),
        })),
        top,
      );
      return { label: confidences[0]?.label ?? null, confidences };
    },
    apiInfo: () => ({
      type: "object",
      properties: {
        label: { type: ["string", "null"] },
        confidences: {
          type: "array",
          items: {
            type: "object",
            properties: {
              label: { type: "string" },
              confidence: { type: "number" },
            },
          },
        },
      },
    }),
    examplePayload: () => ({
      label: "cat",
      confidences: [{ label: "cat", confidence: 0.9 }, {
        label: "dog",
        confidence: 0.1,
      }],
    }),
  };
}

function sortTop(c: { label: string; confidence: number }[], top?: number) {
  const sorted = [...c].filter((x) => Number.isFinite(x.confidence)).sort((
    a,
    b,
  ) => b.confidence - a.confidence);
  return top === undefined ? sorted : sorted.slice(0, top);
}

/** Dataframe's wire value. */
export interface DataframeValue {
  headers: string[];
  data: (string | number | boolean | null)[][];
}

/** Options of {@link dataframe}. */
export interface DataframeOptions extends CommonOptions {
  headers?: string[];
  /** Initial rows. */
  value?: DataframeValue["data"];
  /** Cell types: "str", "number", "bool" (one for all columns or one per column). */
  datatype?: string | string[];
  /** Rows shown when empty; default 3. */
  rowCount?: number;
  /** What the function gets: `{headers, data}` (default) or the rows only ("array"). */
  type?: "object" | "array";
  /** Wrap long cell text. */
  wrap?: boolean;
  /** Largest table accepted as input (rows × columns). Default 10 000 cells. */
  maxCells?: number;
}

/**
 * A table, editable as input; the wire value is `{headers, data}`.
 *
 * @example
 * ```ts
 * const t = dataframe({ headers: ["a", "b"], datatype: "number" });
 * t.preprocess({ headers: ["a", "b"], data: [["1", 2]] }, ctx); // { headers: ["a","b"], data: [[1, 2]] }
 * t.postprocess([[1, 2]], ctx);                                 // { headers: ["a","b"], data: [[1, 2]] }
 * ```
 */
export function dataframe(
  opts: DataframeOptions = {},
): ComponentSpec<DataframeValue, unknown> {
  const headers = opts.headers ?? [];
  const maxCells = opts.maxCells ?? 10_000;
  const typeOf = (i: number) =>
    Array.isArray(opts.datatype)
      ? opts.datatype[i] ?? "str"
      : opts.datatype ?? "str";
  const cell = (v: unknown, i: number) => {
    if (v === null || v === undefined || v === "") {
      return typeOf(i) === "str" ? "" : null;
    }
    const t = typeOf(i);
    if (t === "number") {
      const n = Number(v);
      expect(
        Number.isFinite(n),
        `Column ${i + 1} takes numbers; "${
          String(v).slice(0, 20)
        }" is not one.`,
      );
      return n;
    }
    if (t === "bool") return v === true || v === "true";
    expect(
      ["string", "number", "boolean"].includes(typeof v),
      "Cells must be strings, numbers or booleans.",
    );
    return typeof v === "string" ? v : v as number | boolean;
  };
  const normalize = (rows: unknown[][], hdrs: string[]): DataframeValue => ({
    headers: hdrs,
    data: rows.map((r) => r.map((v, i) => cell(v, i))),
  });
  return {
    type: "dataframe",
    interactive: true,
    props: clean({
      ...commonProps(opts),
      headers,
      value: { headers, data: opts.value ?? [] },
      datatype: opts.datatype ?? "str",
      row_count: opts.rowCount ?? 3,
      col_count: headers.length || undefined,
      type: opts.type ?? "object",
      wrap: opts.wrap,
    }),
    preprocess(wire) {
      if (wire === null || wire === undefined) {
        return opts.type === "array" ? [] : { headers, data: [] };
      }
      expect(
        typeof wire === "object" && Array.isArray(wire.data),
        "Expected {headers, data: [[…]]}.",
      );
      expect(
        wire.data.every(Array.isArray),
        "Each row must be a list of cells.",
      );
      const cells = wire.data.reduce((n, r) => n + r.length, 0);
      expect(
        cells <= maxCells,
        `The table is too large (over ${maxCells} cells).`,
      );
      const hdrs = Array.isArray(wire.headers)
        ? wire.headers.map(String)
        : headers;
      const v = normalize(wire.data, hdrs);
      return opts.type === "array" ? v.data : v;
    },
    postprocess(value) {
      if (value === null || value === undefined) return { headers, data: [] };
      if (Array.isArray(value)) return normalize(value as unknown[][], headers);
      const v = value as Partial<DataframeValue>;
      if (!Array.isArray(v.data)) {
        throw new Error("dataframe output: expected rows or {headers, data}");
      }
      return normalize(v.data, v.headers ?? headers);
    },
    apiInfo: () => ({
      type: "object",
      properties: {
        headers: { type: "array", items: { type: "string" } },
        data: { type: "array", items: { type: "array", items: {} } },
      },
    }),
    examplePayload: () => ({
      headers,
      data: [headers.map((_, i) => typeOf(i) === "number" ? 1 : "a")],
    }),
  };
}

/** Options of {@link json}. */
export interface JsonOptions extends CommonOptions {
  value?: unknown;
  /** Expanded by default. Default true. */
  open?: boolean;
}

/**
 * Any JSON value, shown pretty-printed (output; as input it passes the value through).
 *
 * @example
 * ```ts
 * json({ label: "Result" }).postprocess({ ok: true }, ctx); // { ok: true }
 * ```
 */
export function json(opts: JsonOptions = {}): ComponentSpec<unknown, unknown> {
  return {
    type: "json",
    interactive: false,
    props: clean({
      ...commonProps(opts),
      value: opts.value ?? null,
      open: opts.open,
    }),
    preprocess: (wire) => wire ?? null,
    postprocess(value) {
      if (value === undefined) return null;
      // Round-trip so only JSON survives (Dates become strings, functions vanish).
      return JSON.parse(JSON.stringify(value));
    },
    apiInfo: () => ({}),
    examplePayload: () => ({ key: "value" }),
  };
}

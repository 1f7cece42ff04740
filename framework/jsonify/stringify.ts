/**
 * Reference-preserving serializer for island props, in the same wire format
 * as Fresh's `jsonify`: a flat JSON array whose slot 0 is the root, where
 * containers hold indexes into that array and negative numbers are sentinels.
 *
 * @module
 */

/** Sentinel numbers for values JSON cannot express. */
export const UNDEFINED = -1;
/** Sentinel for `null`. */
export const NULL = -2;
/** Sentinel for `NaN`. */
export const NAN = -3;
/** Sentinel for `Infinity`. */
export const POS_INF = -4;
/** Sentinel for `-Infinity`. */
export const NEG_INF = -5;
/** Sentinel for `-0`. */
export const NEG_ZERO = -6;
/** Sentinel for an array hole. */
export const HOLE = -7;

/**
 * A custom stringifier: returns `{ value }` to encode `value` as
 * `["Tag", indexOf(value)]`, or `undefined` to let the next one try.
 */
export type Stringifiers = Record<
  string,
  (value: unknown) => { value: unknown } | undefined
>;

/**
 * Serialize `data` to a string that {@linkcode parse} turns back into an
 * equal value. Shared references and cycles are kept; class instances become
 * plain objects; functions and symbols throw.
 *
 * @example
 * ```ts
 * import { stringify } from "./stringify.ts";
 * stringify({ a: 1 }); // '[{"a":1},1]'
 * stringify(undefined); // "-1"
 * ```
 */
export function stringify(data: unknown, custom: Stringifiers = {}): string {
  const out: unknown[] = [];
  const indexes = new Map<unknown, number>();
  const idx = encode(data, out, indexes, custom);
  return idx < 0 ? String(idx) : JSON.stringify(out);
}

function encode(
  value: unknown,
  out: unknown[],
  indexes: Map<unknown, number>,
  custom: Stringifiers,
): number {
  if (value === undefined) return UNDEFINED;
  if (value === null) return NULL;
  if (typeof value === "number") {
    if (Number.isNaN(value)) return NAN;
    if (value === Infinity) return POS_INF;
    if (value === -Infinity) return NEG_INF;
    if (Object.is(value, -0)) return NEG_ZERO;
  }
  const seen = indexes.get(value);
  if (seen !== undefined) return seen;

  const idx = out.length;
  out.push(null);
  indexes.set(value, idx);
  const rec = (v: unknown) => encode(v, out, indexes, custom);

  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      out[idx] = value;
      return idx;
    case "bigint":
      out[idx] = ["BigInt", value.toString()];
      return idx;
    case "function":
      throw new Error("Serializing functions is not supported.");
    case "symbol":
      throw new Error("Serializing symbols is not supported.");
  }

  for (const [tag, fn] of Object.entries(custom)) {
    const res = fn(value);
    if (res !== undefined) {
      out[idx] = [tag, rec(res.value)];
      return idx;
    }
  }

  if (Array.isArray(value)) {
    const items = new Array<number>(value.length);
    for (let i = 0; i < value.length; i++) {
      items[i] = i in value ? rec(value[i]) : HOLE;
    }
    out[idx] = items;
  } else if (value instanceof Date) {
    const time = value.getTime();
    out[idx] = [
      "Date",
      Number.isNaN(time) ? "Invalid Date" : value.toISOString(),
    ];
  } else if (value instanceof URL) {
    out[idx] = ["URL", value.href];
  } else if (value instanceof RegExp) {
    out[idx] = ["RegExp", value.source, value.flags];
  } else if (value instanceof Uint8Array) {
    // Encode only the view, not the whole underlying buffer.
    let bin = "";
    for (let i = 0; i < value.length; i++) bin += String.fromCharCode(value[i]);
    out[idx] = ["Uint8Array", btoa(bin)];
  } else if (value instanceof Set) {
    const items: unknown[] = ["Set"];
    for (const item of value) items.push(rec(item));
    out[idx] = items;
  } else if (value instanceof Map) {
    const items: unknown[] = ["Map"];
    for (const [k, v] of value) items.push(rec(k), rec(v));
    out[idx] = items;
  } else {
    const obj: Record<string, number> = {};
    for (const [k, v] of Object.entries(value as object)) obj[k] = rec(v);
    out[idx] = obj;
  }
  return idx;
}

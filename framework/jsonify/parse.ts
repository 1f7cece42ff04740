/**
 * Parser for the format written by {@linkcode stringify}.
 *
 * @module
 */
import {
  HOLE,
  NAN,
  NEG_INF,
  NEG_ZERO,
  NULL,
  POS_INF,
  UNDEFINED,
} from "./stringify.ts";

/** A custom parser: turns the decoded inner value of `["Tag", i]` back. */
export type Parsers = Record<string, (value: unknown) => unknown>;

/**
 * Parse a string written by `stringify`, restoring shared references,
 * cycles, `Date`, `URL`, `RegExp`, `Uint8Array`, `Set`, `Map` and `bigint`.
 *
 * @example
 * ```ts
 * import { parse } from "./parse.ts";
 * parse('[{"a":1},1]'); // { a: 1 }
 * parse("-3"); // NaN
 * ```
 */
export function parse<T = unknown>(text: string, custom: Parsers = {}): T {
  const data = JSON.parse(text);
  if (typeof data === "number") return sentinel(data) as T;
  if (!Array.isArray(data)) throw new Error("Invalid jsonify payload");
  const done = new Map<number, unknown>();

  const decode = (idx: number): unknown => {
    if (idx < 0) return sentinel(idx);
    if (done.has(idx)) return done.get(idx);
    const raw = data[idx];
    if (raw === null || typeof raw !== "object") {
      done.set(idx, raw);
      return raw;
    }
    if (Array.isArray(raw)) {
      if (typeof raw[0] !== "string") {
        const arr: unknown[] = new Array(raw.length);
        done.set(idx, arr);
        raw.forEach((i: number, n: number) => {
          if (i !== HOLE) arr[n] = decode(i);
        });
        return arr;
      }
      return decodeTagged(idx, raw as [string, ...unknown[]]);
    }
    const obj: Record<string, unknown> = {};
    done.set(idx, obj);
    for (const [k, i] of Object.entries(raw as Record<string, number>)) {
      obj[k] = decode(i);
    }
    return obj;
  };

  const decodeTagged = (idx: number, raw: [string, ...unknown[]]) => {
    const [tag, a, b] = raw;
    let value: unknown;
    switch (tag) {
      case "BigInt":
        value = BigInt(a as string);
        break;
      case "Date":
        value = new Date(a === "Invalid Date" ? NaN : a as string);
        break;
      case "URL":
        value = new URL(a as string);
        break;
      case "RegExp":
        value = new RegExp(a as string, b as string);
        break;
      case "Uint8Array": {
        const bin = atob(a as string);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        value = bytes;
        break;
      }
      case "Set": {
        const set = new Set();
        done.set(idx, set);
        for (let i = 1; i < raw.length; i++) set.add(decode(raw[i] as number));
        return set;
      }
      case "Map": {
        const map = new Map();
        done.set(idx, map);
        for (let i = 1; i < raw.length; i += 2) {
          map.set(decode(raw[i] as number), decode(raw[i + 1] as number));
        }
        return map;
      }
      default: {
        const fn = custom[tag];
        if (!fn) throw new Error(`Unknown jsonify tag: ${tag}`);
        value = fn(decode(a as number));
      }
    }
    done.set(idx, value);
    return value;
  };

  return decode(0) as T;
}

function sentinel(n: number): unknown {
  switch (n) {
    case UNDEFINED:
      return undefined;
    case NULL:
      return null;
    case NAN:
      return NaN;
    case POS_INF:
      return Infinity;
    case NEG_INF:
      return -Infinity;
    case NEG_ZERO:
      return -0;
  }
  throw new Error(`Invalid jsonify sentinel: ${n}`);
}

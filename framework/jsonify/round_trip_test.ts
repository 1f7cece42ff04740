import { deepStrictEqual, equal, ok, throws } from "node:assert/strict";
import { computed, type Signal, signal } from "@preact/signals";
import { parse } from "./parse.ts";
import { stringify } from "./stringify.ts";
import { SERVER_STRINGIFIERS } from "../runtime/server/preact_hooks.ts";

const CLIENT_PARSERS = {
  Signal: (v: unknown) => signal(v),
  Computed: (v: unknown) => computed(() => v),
};

const roundTrip = <T>(v: T): T =>
  parse<T>(stringify(v, SERVER_STRINGIFIERS), CLIENT_PARSERS);

const TABLE: [string, unknown][] = [
  ["null", null],
  ["undefined", undefined],
  ["true", true],
  ["zero", 0],
  ["negative number", -42.5],
  ["NaN", NaN],
  ["Infinity", Infinity],
  ["-Infinity", -Infinity],
  ["empty string", ""],
  ["unicode string", "héllo </script> \u2028 😀"],
  ["bigint", 12345678901234567890n],
  ["array", [1, "a", null, undefined, [2]]],
  // deno-lint-ignore no-sparse-arrays
  ["sparse array", [1, , 3]],
  ["nested object", { a: { b: [1, { c: "d" }] }, e: undefined }],
  ["Date", new Date("2024-01-02T03:04:05.678Z")],
  ["invalid Date", new Date("nope")],
  ["URL", new URL("https://example.com/a?b=c#d")],
  ["RegExp", /a+b/gi],
  ["Uint8Array", new Uint8Array([0, 1, 127, 128, 255])],
  ["empty Uint8Array", new Uint8Array(0)],
  ["Set", new Set([1, "a", { b: 2 }])],
  ["Map", new Map<unknown, unknown>([["a", 1], [{ k: 1 }, [2]]])],
];

for (const [name, value] of TABLE) {
  Deno.test(`jsonify - round-trips ${name}`, () => {
    deepStrictEqual(roundTrip(value), value);
  });
}

Deno.test("jsonify - keeps -0 distinct from 0", () => {
  ok(Object.is(roundTrip(-0), -0));
  ok(Object.is(roundTrip([0, -0])[1], -0));
  ok(Object.is(roundTrip([0, -0])[0], 0));
});

Deno.test("jsonify - Uint8Array subarray encodes only the view", () => {
  const buf = new Uint8Array([9, 9, 1, 2, 3, 9]);
  deepStrictEqual(roundTrip(buf.subarray(2, 5)), new Uint8Array([1, 2, 3]));
});

Deno.test("jsonify - preserves shared references", () => {
  const shared = { x: 1 };
  const out = roundTrip({ a: shared, b: shared, list: [shared] });
  ok(out.a === out.b);
  ok(out.list[0] === out.a);
});

Deno.test("jsonify - preserves cycles", () => {
  const a: Record<string, unknown> = { name: "a" };
  a.self = a;
  const arr: unknown[] = [1];
  arr.push(arr);
  const out = roundTrip({ a, arr });
  ok(out.a.self === out.a);
  ok((out.arr as unknown[])[1] === out.arr);
});

Deno.test("jsonify - class instances become plain objects", () => {
  class Point {
    constructor(public x: number, public y: number) {}
  }
  deepStrictEqual(roundTrip(new Point(1, 2)), { x: 1, y: 2 });
});

Deno.test("jsonify - functions and symbols throw", () => {
  throws(
    () => stringify({ f: () => 1 }),
    /Serializing functions is not supported/,
  );
  throws(() => stringify(Symbol("s")), /symbols/);
});

Deno.test("jsonify - uses Fresh's wire format", () => {
  equal(stringify(undefined), "-1");
  equal(
    stringify(
      [{ slots: [], props: { count: signal(3) } }],
      SERVER_STRINGIFIERS,
    ),
    '[[1],{"slots":2,"props":3},[],{"count":4},["Signal",5],3]',
  );
});

Deno.test("jsonify - a signal shared by two islands stays one signal", () => {
  const count = signal(3);
  const out = roundTrip([{ props: { count } }, { props: { count } }]) as {
    props: { count: Signal<number> };
  }[];
  const [a, b] = [out[0].props.count, out[1].props.count];
  ok(a === b);
  equal(a.value, 3);
  a.value = 4;
  equal(b.value, 4);
});

Deno.test("jsonify - computed signals become static computed values", () => {
  const base = signal(2);
  const double = computed(() => base.value * 2);
  const out = roundTrip({ double }) as { double: Signal<number> };
  equal(out.double.value, 4);
});

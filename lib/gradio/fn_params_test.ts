import assert from "node:assert/strict";
import { fnParams } from "./fn_params.ts";

Deno.test("fnParams - reads parameter names like inspect.signature", () => {
  assert.deepEqual(
    fnParams(function greet(name: string, intensity: number) {
      return name + intensity;
    }),
    [{ name: "name", hasDefault: false }, {
      name: "intensity",
      hasDefault: false,
    }],
  );
  assert.deepEqual(fnParams((img: unknown) => img), [{
    name: "img",
    hasDefault: false,
  }]);
  // deno-lint-ignore no-explicit-any
  assert.deepEqual(fnParams(((x: any) => x) as any), [{
    name: "x",
    hasDefault: false,
  }]);
  assert.deepEqual(
    fnParams(function f(a = "(,)", { b } = { b: 1 }, ...rest: unknown[]) {
      return [a, b, rest];
    }),
    [{ name: "a", hasDefault: true }, { name: undefined, hasDefault: true }, {
      name: undefined,
      hasDefault: false,
    }],
  );
  const obj = {
    method(p: number, /* c, d */ q: number) {
      return p + q;
    },
  };
  assert.deepEqual(fnParams(obj.method).map((p) => p.name), ["p", "q"]);
  assert.deepEqual(fnParams(() => 1), []);
});

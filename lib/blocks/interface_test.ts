import assert from "node:assert/strict";
import {
  Interface,
  parameterNames,
  shortcut,
  SHORTCUT_NAMES,
} from "./interface.ts";
import { blocks } from "./blocks.ts";
import {
  QueueFullError,
  Scheduler,
  TimeLimitError,
} from "../jobs/scheduler.ts";
import { KvFileStore } from "../files/file_store.ts";
import { button, image, slider, textbox } from "./mod.ts";
import { greet } from "../../apps/greet.ts";
import { apiDoc } from "./docs.ts";

Deno.test("Interface - string shortcuts, labels from parameter names, Submit and Clear", async () => {
  const demo = Interface({
    fn: greet,
    inputs: ["text", "slider"],
    outputs: ["text"],
    aliases: ["predict"],
  });
  const types = [...demo.components.values()].map((c) =>
    `${c.type}:${c.props.value ?? ""}`
  );
  assert.deepEqual(types, [
    "textbox:",
    "slider:0",
    "button:Clear",
    "button:Submit",
    "textbox:",
  ]);
  const dep = demo.endpoint("greet")!;
  assert.equal(demo.endpoint("/predict"), dep);
  assert.deepEqual(
    dep.inputs.map((id) => demo.components.get(id)!.props.label),
    ["name", "intensity"],
  );
  assert.equal(demo.components.get(dep.outputs[0])!.props.label, "output");
  assert.equal(demo.isInteractive(dep.outputs[0]), false);
  using kv = await Deno.openKv(":memory:");
  const files = new KvFileStore(kv, "t");
  assert.deepEqual(await demo.run(dep, ["Linh", 3], { files }), [
    "Hello, Linh\nHello, Linh\nHello, Linh",
  ]);
  // The Clear button resets inputs and outputs.
  const clear = [...demo.components.values()].find((c) =>
    c.props.value === "Clear"
  )!;
  assert.deepEqual(clear.props.clears, [...dep.inputs, ...dep.outputs]);
});

Deno.test("Interface - title, description and examples", () => {
  const demo = Interface({
    fn: greet,
    inputs: ["text", "slider"],
    outputs: "text",
    title: "Greet",
    description: "Say *hello*",
    examples: [["Linh", 3]],
  });
  const kinds = [...demo.components.values()].map((c) => c.kind ?? c.type);
  assert.deepEqual(kinds.slice(0, 2), ["markdown", "markdown"]);
  assert.ok(kinds.includes("examples"));
  assert.throws(() =>
    Interface({
      fn: greet,
      inputs: ["text"],
      outputs: ["text"],
      examples: [["a", 1]],
    })
  );
});

Deno.test("Interface - every shortcut builds a component", () => {
  for (const name of SHORTCUT_NAMES) assert.ok(shortcut(name, "x").type);
  assert.throws(() => shortcut("nope", "x"));
});

Deno.test("parameterNames - functions, arrows, defaults, types stripped", () => {
  assert.deepEqual(
    parameterNames(function f(a: string, b = 2) {
      return a + b;
    }),
    ["a", "b"],
  );
  assert.deepEqual(parameterNames((x: number, y: number) => x + y), ["x", "y"]);
  assert.deepEqual(parameterNames(async (img: unknown) => await img), ["img"]);
});

Deno.test("blocks - Gradio's interactive rule, row/column return values, api names", () => {
  const app = blocks({}, (b) => {
    const [a, c] = b.row(() => [b.add(textbox()), b.add(textbox())]);
    const out = b.add(textbox());
    const fixed = b.add(textbox({ interactive: false }));
    b.add(button()).click(
      function echo(x: string) {
        return x;
      },
      a,
      out,
    );
    b.add(button()).click(
      function echo(x: string) {
        return x;
      },
      c,
      fixed,
    );
    assert.equal(a.id, 2);
  });
  assert.equal(app.isInteractive(2), true); // an input
  assert.equal(app.isInteractive(4), false); // only an output
  assert.equal(app.isInteractive(5), false); // explicit
  assert.deepEqual(app.dependencies.map((d) => d.apiName), ["echo", "echo_1"]);
  assert.equal(
    app.layout.kind === "container" && app.layout.children[0].kind,
    "container",
  );
});

Deno.test("blocks - call() enforces the concurrency and time limits", async () => {
  let running = 0, most = 0;
  const app = blocks({ maxQueue: 1 }, (b) => {
    const n = b.add(slider());
    b.add(button()).click(
      async function slow(x: number) {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, x));
        running--;
        return x;
      },
      n,
      n,
      { concurrencyLimit: 1, timeLimitMs: 50 },
    );
  });
  const dep = app.endpoint("slow")!;
  using kv = await Deno.openKv(":memory:");
  const site = { scheduler: new Scheduler(), lanePrefix: "/t" };
  const ctx = { files: new KvFileStore(kv, "t") };
  const a = app.call(site, dep, [10], ctx);
  const b = app.call(site, dep, [10], ctx);
  await assert.rejects(() => app.call(site, dep, [10], ctx), QueueFullError);
  assert.deepEqual(await Promise.all([a, b]), [[10], [10]]);
  assert.equal(most, 1);
  await assert.rejects(() => app.call(site, dep, [90], ctx), TimeLimitError);
  await new Promise((r) => setTimeout(r, 60));
});

Deno.test("docs - endpoints with parameters, returns and a curl line", () => {
  const app = blocks({ title: "Pets" }, (b) => {
    const i = b.add(image({ label: "Photo" }));
    b.add(button()).click(
      function process_image(x: unknown) {
        return x;
      },
      i,
      i,
    );
  });
  const doc = apiDoc(app, "/demos/pets");
  assert.equal(doc.endpoints[0].path, "/demos/pets/api/process_image");
  assert.equal(doc.endpoints[0].parameters[0].label, "Photo");
  assert.match(doc.endpoints[0].curl, /curl -X POST/);
  assert.equal(doc.upload, "/demos/pets/upload");
});

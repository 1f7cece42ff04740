import assert from "node:assert/strict";
import {
  audio,
  button,
  checkbox,
  dataframe,
  dropdown,
  file,
  gallery,
  image,
  json,
  label,
  markdown,
  microphone,
  number,
  radio,
  sketchpad,
  slider,
  textArea,
  textbox,
  video,
} from "./mod.ts";
import { KvFileStore } from "../files/file_store.ts";
import {
  BlocksInputError,
  type ComponentSpec,
  type RunContext,
} from "./types.ts";
import type { FileValue } from "./component.ts";
import { PNG_SIGNATURE } from "../bytes.ts";

const PNG = new Uint8Array([
  ...PNG_SIGNATURE,
  0,
  0,
  0,
  13,
]);
const kv = await Deno.openKv(":memory:");
const ctx = (): RunContext => ({
  files: new KvFileStore(kv, crypto.randomUUID(), { maxFileBytes: 1024 }),
  fileUrl: (id) => `/x/file/${id}`,
});

const ALL: [string, ComponentSpec][] = [
  ["textbox", textbox({ label: "Name" })],
  ["textarea", textArea({ label: "Text" })],
  ["number", number({ label: "N" })],
  ["slider", slider({ label: "S" })],
  ["radio", radio({ label: "R", choices: ["a", "b"] })],
  ["dropdown", dropdown({ label: "D", choices: ["a", "b"] })],
  [
    "dropdown (multi)",
    dropdown({ label: "D", choices: ["a", "b"], multiselect: true }),
  ],
  ["checkbox", checkbox({ label: "C" })],
  ["file", file({ label: "F" })],
  ["image", image({ label: "I" })],
  ["audio", audio({ label: "A" })],
  ["microphone", microphone({ label: "M" })],
  ["video", video({ label: "V" })],
  ["sketchpad", sketchpad({ label: "P" })],
  ["gallery", gallery({ label: "G" })],
  ["label", label({ label: "L" })],
  ["dataframe", dataframe({ label: "T", headers: ["a"] })],
  ["json", json({ label: "J" })],
  ["markdown", markdown("# hi")],
  ["button", button("Go")],
];

Deno.test("components - conformance: JSON props, examplePayload passes preprocess, postprocess survives JSON", async (t) => {
  for (const [name, spec] of ALL) {
    await t.step(name, async () => {
      assert.match(spec.type, /^[a-z]+$/);
      assert.deepEqual(JSON.parse(JSON.stringify(spec.props)), spec.props);
      assert.equal(typeof spec.apiInfo(), "object");
      const c = ctx();
      const arg = await spec.preprocess(spec.examplePayload(), c);
      const wire = await spec.postprocess(arg, c);
      assert.deepEqual(JSON.parse(JSON.stringify(wire)), wire);
    });
  }
});

Deno.test("components - Gradio type names and templates", () => {
  assert.equal(textArea().type, "textbox");
  assert.equal(textArea().kind, "textarea");
  assert.equal(textArea().props.lines, 7);
  assert.equal(microphone().type, "audio");
  assert.equal(microphone().kind, "microphone");
  assert.deepEqual(microphone().props.sources, ["microphone"]);
  assert.deepEqual(image().props.sources, ["upload", "webcam", "clipboard"]);
  assert.equal(sketchpad().type, "sketchpad");
  assert.deepEqual(radio({ choices: ["a", ["B", "b"]] }).props.choices, [[
    "a",
    "a",
  ], ["B", "b"]]);
});

Deno.test("components - slider validates its range", () => {
  assert.throws(() => slider({ minimum: 5, maximum: 1 }));
  const s = slider({ minimum: 1, maximum: 20, step: 2 });
  assert.equal(s.props.value, 1);
  assert.equal(s.preprocess(3, ctx()), 3);
  assert.throws(() => s.preprocess(21, ctx()), BlocksInputError);
  assert.throws(
    () => s.preprocess("x" as unknown as number, ctx()),
    BlocksInputError,
  );
});

Deno.test("components - number rounds to precision and checks bounds", () => {
  const n = number({ minimum: 0, maximum: 10, precision: 0 });
  assert.equal(n.preprocess(3.4, ctx()), 3);
  assert.equal(n.preprocess(null, ctx()), null);
  assert.throws(() => n.preprocess(11, ctx()), BlocksInputError);
  assert.throws(() => n.preprocess(NaN, ctx()), BlocksInputError);
});

Deno.test("components - choices refuse unknown values; index type; multiselect", () => {
  const r = radio({ choices: ["cat", "dog"] });
  assert.equal(r.preprocess("dog", ctx()), "dog");
  assert.throws(() => r.preprocess("fox", ctx()), BlocksInputError);
  assert.equal(
    radio({ choices: ["cat", "dog"], type: "index" }).preprocess("dog", ctx()),
    1,
  );
  const d = dropdown({
    choices: ["a", "b", "c"],
    multiselect: true,
    maxChoices: 2,
  });
  assert.deepEqual(d.preprocess(["a", "c"], ctx()), ["a", "c"]);
  assert.throws(() => d.preprocess(["a", "b", "c"], ctx()), BlocksInputError);
  assert.throws(() => d.preprocess(["z"], ctx()), BlocksInputError);
  assert.equal(
    dropdown({ choices: ["a"], allowCustomValue: true }).preprocess(
      "zz",
      ctx(),
    ),
    "zz",
  );
});

Deno.test("components - textbox max length and coercion", () => {
  const t = textbox({ maxLength: 3 });
  assert.equal(t.preprocess("abc", ctx()), "abc");
  assert.throws(() => t.preprocess("abcd", ctx()), BlocksInputError);
  assert.throws(
    () => t.preprocess({} as unknown as string, ctx()),
    BlocksInputError,
  );
  assert.equal(t.postprocess(42 as unknown as string, ctx()), "42");
});

Deno.test("components - files: only store ids are accepted, outputs are stored and sniffed", async () => {
  const c = ctx();
  const img = image();
  const stored = await c.files.put(PNG, "a.png", "image/png");
  const v = await img.preprocess({ path: stored.id }, c) as FileValue;
  assert.deepEqual(v.bytes, PNG);
  assert.equal(v.mimeType, "image/png");
  for (
    const bad of [
      { path: "/etc/passwd" },
      { path: "../../etc/passwd" },
      { path: "http://169.254.169.254/" },
      "C:\\x",
      42,
    ]
  ) {
    await assert.rejects(
      async () => await img.preprocess(bad as never, c),
      BlocksInputError,
    );
  }
  // A text file is not an image.
  const txt = await c.files.put(
    new TextEncoder().encode("hi"),
    "a.txt",
    "application/octet-stream",
  );
  await assert.rejects(
    async () => await img.preprocess({ path: txt.id }, c),
    BlocksInputError,
  );
  // Outputs: bytes are stored with a sniffed type, whatever the claimed one.
  const out = await file().postprocess({
    bytes: PNG,
    name: "m.png",
    mimeType: "text/html",
  }, c);
  assert.ok(out && !Array.isArray(out));
  assert.equal(out.mimeType, "image/png");
  assert.equal(out.origName, "m.png");
  assert.equal(out.url, `/x/file/${out.path}`);
  assert.deepEqual((await c.files.get(out.path))?.bytes, PNG);
  // Data URLs are accepted and stored; oversize ones are refused.
  const fromData = await image().preprocess(
    `data:image/png;base64,${btoa(String.fromCharCode(...PNG))}` as never,
    c,
  ) as FileValue;
  assert.equal(fromData.mimeType, "image/png");
  await assert.rejects(async () =>
    await image().preprocess(
      `data:image/png;base64,${"A".repeat(4000)}` as never,
      c,
    )
  );
  // A path that is not in the store is never read as a file output.
  await assert.rejects(async () =>
    await file().postprocess("/etc/passwd" as never, c)
  );
});

Deno.test("components - file types and multiple files", async () => {
  const c = ctx();
  const pdfOnly = file({ fileTypes: [".pdf"] });
  const a = await c.files.put(new Uint8Array([1, 2, 3]), "x.txt");
  await assert.rejects(
    async () => await pdfOnly.preprocess({ path: a.id }, c),
    BlocksInputError,
  );
  const many = file({ fileCount: "multiple" });
  const list = await many.preprocess(
    [{ path: a.id }, { path: a.id }],
    c,
  ) as FileValue[];
  assert.equal(list.length, 2);
  const refs = await many.postprocess(
    [new Uint8Array([1]), new Uint8Array([2])] as never,
    c,
  );
  assert.equal((refs as unknown[]).length, 2);
});

Deno.test("components - label sorts confidences and keeps the top classes", () => {
  const l = label({ numTopClasses: 2 });
  assert.deepEqual(l.postprocess({ dog: 0.2, cat: 0.7, fox: 0.1 }, ctx()), {
    label: "cat",
    confidences: [{ label: "cat", confidence: 0.7 }, {
      label: "dog",
      confidence: 0.2,
    }],
  });
  assert.deepEqual(l.postprocess("cat", ctx()), { label: "cat" });
});

Deno.test("components - dataframe converts cells by datatype and bounds size", () => {
  const t = dataframe({ headers: ["a", "b"], datatype: "number", maxCells: 4 });
  assert.deepEqual(
    t.preprocess({ headers: ["a", "b"], data: [["1", 2]] }, ctx()),
    { headers: ["a", "b"], data: [[1, 2]] },
  );
  assert.throws(
    () => t.preprocess({ headers: ["a"], data: [["x"]] }, ctx()),
    BlocksInputError,
  );
  assert.throws(
    () => t.preprocess({ headers: [], data: [[1, 2, 3], [4, 5]] }, ctx()),
    BlocksInputError,
  );
  assert.deepEqual(t.postprocess([[1, 2]], ctx()), {
    headers: ["a", "b"],
    data: [[1, 2]],
  });
});

Deno.test("components - gallery stores each image with its caption", async () => {
  const c = ctx();
  const out = await gallery().postprocess([[PNG, "one"], {
    image: PNG,
    caption: "two",
  }, PNG], c);
  assert.deepEqual(out.map((i) => i.caption), ["one", "two", null]);
  assert.ok(out.every((i) => c.files.get(i.image.path)));
});

Deno.test("components - json output keeps only JSON", () => {
  assert.deepEqual(
    json().postprocess({ a: 1, f: () => 1, d: new Date(0) }, ctx()),
    { a: 1, d: "1970-01-01T00:00:00.000Z" },
  );
});

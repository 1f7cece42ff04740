import assert from "node:assert/strict";

// deno-lint-ignore no-explicit-any
type Json = any;
import { blocks } from "../blocks/blocks.ts";
import type { ComponentSpec } from "../blocks/types.ts";
import { buildConfig } from "./app_config.ts";
import { buildApiInfo, pythonType, wireSchema } from "./api_info.ts";
import { snippets } from "./snippets.ts";
import { endpointModels } from "./api_info.ts";

const text = (label: string): ComponentSpec => ({
  type: "textbox",
  props: { label },
  interactive: true,
  preprocess: (w) => w,
  postprocess: (v) => v,
  apiInfo: () => ({ type: "string" }),
  examplePayload: () => "Hello!!",
});
const img = (label: string): ComponentSpec => ({
  type: "image",
  props: { label },
  interactive: true,
  preprocess: (w) => w,
  postprocess: (v) => v,
  apiInfo: () => ({
    type: "object",
    title: "FileRef",
    properties: { path: { type: "string" }, origName: {} },
  }),
  examplePayload: () => null,
});

function app() {
  return blocks({ title: "T" }, (b) => {
    b.row(() => {
      const a = b.add(img("Photo"));
      const t = b.add(text("Note"));
      const o = b.add(text("Out"));
      b.add(text("Go")).click(
        function describe(photo: unknown, note = "x") {
          return `${photo}${note}`;
        },
        [a, t],
        [o],
        { aliases: ["predict"] },
      );
      b.add(text("Hidden")).click(() => "", [t], [o], { apiName: false });
    });
  });
}

Deno.test("gradio config - Gradio's shape: components, layout, dependencies, aliases", () => {
  const c = buildConfig(app(), {
    root: "http://h/demos/t",
    appId: 7,
  }) as Record<string, Json>;
  assert.equal(c.protocol, "sse_v3");
  assert.equal(c.api_prefix, "/gradio_api");
  assert.equal(c.root, "http://h/demos/t");
  assert.equal(c.app_id, 7);
  const byId = new Map(c.components.map((x: { id: number }) => [x.id, x]));
  assert.equal(
    (byId.get(1) as { type: string }).type,
    "row",
    "containers are components too",
  );
  assert.deepEqual(c.layout.children[0].id, 1);
  const [describe, hidden, alias] = c.dependencies;
  assert.equal(describe.api_name, "describe");
  assert.deepEqual(describe.targets, [[5, "click"]]);
  assert.equal(hidden.api_name, null);
  assert.equal(hidden.api_visibility, "private");
  assert.equal(alias.api_name, "predict");
  assert.equal(alias.id, 2);
  assert.deepEqual(alias.inputs, describe.inputs);
  const fileSchema =
    (byId.get(2) as { api_info: { properties: Record<string, unknown> } })
      .api_info;
  assert.ok(
    "orig_name" in fileSchema.properties && "meta" in fileSchema.properties,
    "FileRef is described as FileData",
  );
});

Deno.test("gradio api_info - parameter names from the function, file params, aliases", () => {
  const info = buildApiInfo(app()) as { named_endpoints: Record<string, Json> };
  const d = info.named_endpoints["/describe"];
  assert.deepEqual(
    d.parameters.map((p: { parameter_name: string }) => p.parameter_name),
    ["photo", "note"],
  );
  assert.equal(d.parameters[0].python_type.type, "filepath");
  assert.equal(d.parameters[0].component, "Image");
  assert.deepEqual(d.parameters[0].example_input, {
    path: "photo.jpg",
    meta: { _type: "gradio.FileData" },
  });
  assert.equal(d.parameters[1].parameter_has_default, true);
  // As Gradio 6: undocumented aliases only when all endpoints are asked for.
  assert.equal(info.named_endpoints["/predict"], undefined);
  const all = buildApiInfo(app(), { allEndpoints: true }) as {
    named_endpoints: Record<string, Json>;
  };
  assert.equal(all.named_endpoints["/predict"].api_visibility, "undocumented");
  assert.equal(info.named_endpoints["/None"], undefined);
});

Deno.test("gradio api_info - schema helpers", () => {
  assert.equal(
    pythonType({ type: "array", items: { type: "integer" } }),
    "list[int]",
  );
  assert.equal(pythonType({ enum: ["a", "b"] }), "Literal['a', 'b']");
  assert.equal(
    pythonType({ anyOf: [{ type: "string" }, { type: "null" }] }),
    "str | None",
  );
  const s = wireSchema({
    type: "array",
    items: { type: "object", properties: { path: {} } },
  });
  assert.equal((s.items as { title: string }).title, "FileData");
});

Deno.test("gradio snippets - JS, Python and cURL for a file endpoint", () => {
  const e = endpointModels(app()).get("describe")!;
  const s = snippets("http://h/demos/t", "describe", e);
  assert.match(s.js, /Client\.connect\("http:\/\/h\/demos\/t\/"\)/);
  assert.match(
    s.js,
    /client\.predict\("\/describe", \{\n {2}photo: photo,\n {2}note: "Hello!!",/,
  );
  assert.match(
    s.python,
    /photo=handle_file\("photo\.jpg"\),\n {4}note="Hello!!",\n {4}api_name="\/describe",/,
  );
  assert.match(
    s.curl,
    /curl -s -F files=@photo\.jpg http:\/\/h\/demos\/t\/gradio_api\/upload/,
  );
  assert.match(
    s.curl,
    /curl -N http:\/\/h\/demos\/t\/gradio_api\/call\/describe\/\$EVENT_ID/,
  );
});

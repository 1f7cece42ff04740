import assert from "node:assert/strict";
import {
  audio,
  blocks,
  button,
  checkbox,
  type ComponentSpec,
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
} from "../../lib/blocks/mod.ts";
import { greetBlocks } from "../../apps/greet_blocks.ts";
import { componentsDemo } from "../../apps/components.ts";
import { one, url } from "./harness.tsx";
import type { Harness } from "../helpers/app_harness.ts";
import { DEMO_COMPONENT_KINDS } from "../helpers/fixtures.ts";

/** The HTML of `path` on a kit harness, which is closed afterwards. */
const page = async (
  kit: Promise<Harness>,
  path = "/demos/t",
) => {
  await using h = await kit;
  const res = await h.handler(new Request(url(path)));
  assert.equal(res.status, 200);
  return await res.text();
};

const INPUTS: [string, ComponentSpec][] = [
  ["textbox", textbox({ label: "Lbl" })],
  ["textarea", textArea({ label: "Lbl" })],
  ["number", number({ label: "Lbl" })],
  ["slider", slider({ label: "Lbl" })],
  ["radio", radio({ label: "Lbl", choices: ["a", "b"] })],
  ["dropdown", dropdown({ label: "Lbl", choices: ["a", "b"] })],
  ["checkbox", checkbox({ label: "Lbl" })],
  ["file", file({ label: "Lbl" })],
  ["image", image({ label: "Lbl" })],
  ["audio", audio({ label: "Lbl" })],
  ["microphone", microphone({ label: "Lbl" })],
  ["video", video({ label: "Lbl" })],
  ["sketchpad", sketchpad({ label: "Lbl" })],
  ["dataframe", dataframe({ label: "Lbl", headers: ["a"] })],
];
const OUTPUTS: [string, ComponentSpec][] = [
  ["label", label({ label: "Lbl" })],
  ["textbox", textbox({ label: "Lbl" })],
  ["file", file({ label: "Lbl" })],
  ["image", image({ label: "Lbl" })],
  ["video", video({ label: "Lbl" })],
  ["audio", audio({ label: "Lbl" })],
  ["gallery", gallery({ label: "Lbl" })],
  ["dataframe", dataframe({ label: "Lbl" })],
  ["json", json({ label: "Lbl" })],
  ["markdown", markdown({ label: "Lbl" })],
];

Deno.test("[ssr] every input renders with data-component, a label, and as an island", async (t) => {
  for (const [kind, spec] of INPUTS) {
    await t.step(kind, async () => {
      const app = blocks({}, (b) => {
        const c = b.add(spec);
        b.add(button("Go")).click(
          function f(x: unknown) {
            return String(x);
          },
          c,
          b.add(textbox({ label: "Out" })),
        );
      });
      const html = await page(one(app));
      assert.match(html, new RegExp(`data-component="${kind}"`));
      assert.match(html, /Lbl/);
      assert.match(
        html,
        /<label[^>]* for="c1-[a-z]+"|<legend|aria-labelledby="c1-/,
      );
      assert.match(html, /<!--frsh:island:[A-Z]\w+:0:/);
      assert.match(html, /<script type="module"[^>]*>/);
    });
  }
});

Deno.test("[ssr] every output renders read-only as an island", async (t) => {
  for (const [kind, spec] of OUTPUTS) {
    await t.step(kind, async () => {
      const app = blocks({}, (b) => {
        const inp = b.add(textbox({ label: "In" }));
        const out = b.add(spec);
        b.add(button("Go")).click(
          function f() {
            return null;
          },
          inp,
          out,
        );
      });
      const html = await page(one(app));
      assert.match(html, new RegExp(`data-component="${kind}"`));
      assert.ok(
        !/<input[^>]*id="c2-input"(?![^>]*readonly)/.test(html) ||
          kind === "textbox",
        "outputs are not editable",
      );
      assert.equal((html.match(/<!--frsh:island:/g) ?? []).length, 3);
    });
  }
});

Deno.test("[ssr] a page ships JavaScript only for the islands it uses", async () => {
  const greet = await page(one(greetBlocks()));
  const chunks = [...greet.matchAll(/islands\/blocks\/(\w+)\.js/g)].map((m) =>
    m[1]
  );
  assert.deepEqual([...new Set(chunks)].sort(), [
    "Button",
    "Slider",
    "Textbox",
  ]);
  assert.ok(!greet.includes("islands/blocks/Image.js"));
  const statik = blocks({ title: "Static" }, (b) => {
    b.row(() => b.add(markdown("# Just text")));
  });
  const html = await page(one(statik));
  assert.match(html, /data-component="markdown"/);
  assert.match(html, /data-component="row"/);
  assert.match(html, /<h1>Just text<\/h1>/);
  assert.ok(!html.includes("<script"), "no JS at all");
});

Deno.test("[ssr] the greet page: layout, labels, button text, API section", async () => {
  const html = await page(one(greetBlocks(), "/demos/blocks"), "/demos/blocks");
  assert.match(html, /<title>Greet \(Blocks\)<\/title>/);
  assert.match(
    html,
    /<label class="bk-label" for="c1-input">Enter your name<\/label>/,
  );
  assert.match(html, />Send hello<\/button>/);
  assert.match(html, /<textarea[^>]*readonly[^>]*rows="7"/);
  assert.match(html, /\/demos\/blocks\/api\/greet/);
  assert.match(html, /href="\/blocks\.css(\?__frsh_c=[^"]+)?"/);
});

Deno.test("[ssr] the components page renders every kind", async () => {
  const html = await page(one(componentsDemo()));
  for (
    const kind of DEMO_COMPONENT_KINDS
  ) assert.match(html, new RegExp(`data-component="${kind}"`), kind);
});

Deno.test("[ssr] unknown demo names are 404", async () => {
  await using kit = await one(greetBlocks());
  const res = await kit.handler(new Request(url("/demos/nope")));
  assert.equal(res.status, 404);
  await res.body?.cancel();
});

/**
 * What Gradio's web frontend (`<gradio-app src="…">`, 5.49.1 and 6.x) needs
 * beyond the clients: the props Gradio's Python components send (with
 * Gradio's type names), `theme.css` and `theme_hash`, `upload_progress`,
 * CORS that echoes listed origins with credentials, browser-side
 * dependencies for Clear buttons, and the value shapes of the ImageEditor,
 * Video, Label and Dataframe. The frontend itself runs in
 * `tasks/gradio_frontend_check.ts` (not in CI: it needs a build).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  audio,
  blocks,
  button,
  checkbox,
  dataframe,
  dropdown,
  file,
  gallery,
  image,
  json as jsonBox,
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
import { Interface } from "../../lib/blocks/interface.ts";
import type { AppEntry } from "../../apps/mod.ts";
import { BASE, gradioHarness, postJson, readSse, upload } from "./fixtures.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** One of every kit component, plus a function per value shape converted. */
function kitApp() {
  return blocks({ title: "Kit" }, (b) => {
    b.row(() => {
      b.add(textbox({ label: "Text", showCopyButton: true }));
      b.add(textArea({ label: "Area" }));
      b.add(number({ label: "Number" }));
      b.add(markdown("**hi**"));
    }, { equalHeight: true });
    b.column(() => {
      b.add(slider({ label: "Slider", minimum: 1, maximum: 20, step: 2 }));
      b.add(radio({ label: "Radio", choices: ["a", "b"] }));
      b.add(dropdown({ label: "Drop", choices: ["x", ["Why", "y"]] }));
      b.add(checkbox({ label: "Check" }));
    }, { scale: 2 });
    b.add(file({ label: "File" }));
    b.add(image({ label: "Image", showDownloadButton: false }));
    b.add(audio({ label: "Audio", sources: ["upload"] }));
    b.add(microphone({ label: "Mic" }));
    b.add(gallery({ label: "Gallery" }));
    b.add(dataframe({ label: "Table", headers: ["a", "b"] }));
    b.add(jsonBox({ label: "JSON" }));
    const pad = b.add(sketchpad({ label: "Pad", brushColor: "#123456" }));
    const clip = b.add(video({ label: "Clip" }));
    const size = b.add(jsonBox({ label: "Size" }));
    const scores = b.add(label({ label: "Scores" }));
    const back = b.add(video({ label: "Back", interactive: false }));
    const table = b.add(dataframe({ label: "Out", interactive: false }));
    b.add(button("Sketch")).click(
      function measure(png: { size: number } | null) {
        return png ? { size: png.size } : null;
      },
      pad,
      size,
    );
    b.add(button("Nothing")).click(
      function nothing() {
        return null;
      },
      [],
      scores,
    );
    b.add(button("Echo")).click(
      function echo(v: unknown) {
        return [v, [[1, 2]]];
      },
      clip,
      [back, table],
    );
  });
}

function apps(): AppEntry[] {
  return [
    { path: "/demos/kit", name: "kit", app: kitApp() },
    {
      path: "/demos/iface",
      name: "iface",
      app: Interface({
        fn: function hello(name: string, n: number) {
          return `Hello, ${name}${"!".repeat(n)}`;
        },
        inputs: ["text", "slider"],
        outputs: ["text"],
        examples: [["Linh", 3], ["Ana", 5]],
      }),
    },
  ];
}

const get = (h: { handler: (r: Request) => Promise<Response> }, path: string) =>
  h.handler(new Request(BASE + path));

async function config(h: Parameters<typeof get>[0], path: string) {
  const c = await (await get(h, `${path}/config`)).json();
  const byLabel = (l: string) =>
    c.components.find((x: Json) => x.props.label === l);
  return { c, byLabel };
}

Deno.test("[gradio] /config props are Gradio's, per component type", async (t) => {
  await using h = await gradioHarness(apps());
  const { c, byLabel } = await config(h, "/demos/kit");

  await t.step("the version the props follow, theme and 6.x fields", () => {
    assert.equal(c.version, "6.25.0");
    assert.match(c.theme_hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(c.body_css, {
      body_background_fill: "white",
      body_text_color: "#27272a",
      body_background_fill_dark: "#0f0f11",
      body_text_color_dark: "#f4f4f5",
    });
    assert.deepEqual(c.footer_links, ["api", "gradio", "settings"]);
    assert.deepEqual(c.stylesheets, []);
  });

  await t.step("Sketchpad is Gradio's imageeditor (a template of it)", () => {
    const pad = byLabel("Pad");
    assert.equal(pad.type, "imageeditor");
    assert.equal(pad.component_class_id, "imageeditor");
    assert.equal(pad.props.name, "imageeditor");
    assert.deepEqual(pad.props.brush, {
      default_size: 8,
      colors: ["#123456"],
      default_color: "#123456",
      color_mode: "fixed",
    });
    assert.deepEqual(pad.props.eraser, { default_size: "auto" });
    assert.deepEqual(pad.props.layers, {
      allow_additional_layers: true,
      layers: ["Layer 1"],
      disabled: false,
    });
    assert.deepEqual(pad.props.sources, []);
    assert.deepEqual(pad.props.canvas_size, [512, 512]);
    assert.deepEqual(pad.props.transforms, ["crop"]);
    assert.equal(pad.props.type, "filepath");
  });

  await t.step("every component: Block/Component attributes, no nulls", () => {
    for (const x of c.components) {
      for (const [k, v] of Object.entries(x.props)) {
        assert.notEqual(v, null, `${x.type}.${k} is null (Gradio drops Nones)`);
      }
      assert.equal(x.props.visible, true);
      assert.deepEqual(x.props.elem_classes, []);
      if (["row", "column"].includes(x.type)) continue;
      assert.equal(x.props._selectable, false, x.type);
      assert.deepEqual(x.props.preserved_by_key, ["value"], x.type);
      assert.equal(typeof x.props.interactive, "boolean", x.type);
    }
  });

  await t.step(
    "Image, Audio, Video, Gallery: buttons, sources, options",
    () => {
      const img = byLabel("Image");
      assert.deepEqual(img.props.buttons, ["share", "fullscreen"]);
      assert.equal(img.props.show_download_button, false);
      assert.equal(img.props.show_fullscreen_button, true);
      assert.deepEqual(img.props.sources, ["upload", "webcam", "clipboard"]);
      assert.deepEqual(img.props.webcam_options, {
        mirror: true,
        constraints: null,
      });
      assert.deepEqual(img.props.watermark, {
        watermark: null,
        position: "bottom-right",
      });
      assert.equal(img.props.streamable, false);
      assert.equal(img.props.format, "webp");
      const aud = byLabel("Audio");
      assert.deepEqual(aud.props.buttons, ["download", "share"]);
      assert.deepEqual(aud.props.sources, ["upload"]);
      assert.equal(aud.props.waveform_options.show_recording_waveform, true);
      assert.equal(aud.props.waveform_options.skip_length, 5);
      assert.equal(aud.props.waveform_options.sample_rate, 44100);
      assert.deepEqual(byLabel("Mic").props.sources, ["microphone"]);
      assert.equal(byLabel("Mic").type, "audio");
      const vid = byLabel("Clip");
      assert.deepEqual(vid.props.buttons, ["download"]);
      assert.deepEqual(vid.props.sources, ["upload"]);
      assert.equal(vid.props.include_audio, true);
      const gal = byLabel("Gallery");
      assert.deepEqual(gal.props.buttons, [
        "share",
        "download",
        "download_all",
        "fullscreen",
      ]);
      assert.equal(gal.props.columns, 3);
      assert.deepEqual(gal.props.value, []);
    },
  );

  await t.step("text, choices, data: Gradio defaults plus the kit's", () => {
    const text = byLabel("Text");
    assert.deepEqual(text.props.buttons, ["copy"]);
    assert.equal(text.props.show_copy_button, true);
    assert.equal(text.props.lines, 1);
    assert.equal(text.props.autoscroll, true);
    assert.equal(byLabel("Area").props.lines, 7);
    assert.equal(byLabel("Area").type, "textbox");
    assert.equal(byLabel("Number").props.value, undefined);
    assert.deepEqual(byLabel("Number").props.buttons, []);
    assert.equal(byLabel("Slider").props.show_reset_button, true);
    assert.equal(byLabel("Slider").props.buttons, undefined);
    assert.deepEqual(byLabel("Drop").props.choices, [["x", "x"], ["Why", "y"]]);
    assert.equal(byLabel("Drop").props.filterable, true);
    assert.deepEqual(byLabel("Radio").props.buttons, []);
    assert.equal(byLabel("Check").props.value, false);
    assert.equal(byLabel("File").props.type, "filepath");
    assert.equal(byLabel("File").props.file_count, "single");
    assert.deepEqual(byLabel("JSON").props.buttons, ["copy"]);
    const md = c.components.find((x: Json) => x.type === "markdown");
    assert.equal(md.props.container, false);
    assert.deepEqual(md.props.latex_delimiters, [{
      left: "$$",
      right: "$$",
      display: true,
    }]);
    const table = byLabel("Table");
    assert.deepEqual(table.props.value, {
      headers: ["a", "b"],
      data: [],
      metadata: null,
    });
    assert.deepEqual(table.props.row_count, [3, "dynamic"]);
    assert.deepEqual(table.props.col_count, [2, "fixed"]);
    assert.deepEqual(table.props.column_count, [2, "fixed"]);
    assert.equal(table.props.type, "pandas");
  });

  await t.step("an empty Label is {} (Gradio's postprocess(None))", () => {
    assert.deepEqual(byLabel("Scores").props.value, {});
    assert.deepEqual(byLabel("Scores").props.buttons, []);
    assert.equal(byLabel("Scores").props.show_heading, true);
  });

  await t.step("layout blocks: Row and Column as Gradio's", () => {
    const row = c.components.find((x: Json) => x.type === "row");
    assert.equal(row.props.equal_height, true);
    assert.equal(row.props.variant, "default");
    const col = c.components.find((x: Json) => x.type === "column");
    assert.equal(col.props.scale, 2);
    assert.equal(col.props.min_width, 320);
  });

  await t.step("Button: Gradio's size, no kit-only props", () => {
    const btn = c.components.find((x: Json) =>
      x.type === "button" && x.props.value === "Sketch"
    );
    assert.equal(btn.props.size, "lg");
    assert.equal(btn.props.variant, "secondary");
    assert.equal(btn.props.min_width, undefined);
  });
});

Deno.test("[gradio] a Clear button is a browser-only dependency", async () => {
  await using h = await gradioHarness(apps());
  const { c } = await config(h, "/demos/iface");
  const clear = c.components.find((x: Json) =>
    x.type === "button" && x.props.value === "Clear"
  );
  assert.equal(clear.props.clears, undefined);
  const dep = c.dependencies.find((d: Json) => d.targets[0]?.[0] === clear.id);
  assert.equal(dep.backend_fn, false);
  assert.equal(dep.api_name, null);
  assert.equal(dep.api_visibility, "private");
  assert.equal(dep.queue, false);
  const byId = new Map(c.components.map((x: Json) => [x.id, x]));
  const cleared = dep.outputs.map((id: number) => byId.get(id) as Json);
  assert.deepEqual(cleared.map((x: Json) => x.type), [
    "textbox",
    "slider",
    "textbox",
  ]);
  assert.equal(
    dep.js,
    `() => ${JSON.stringify(cleared.map((x: Json) => x.props.value ?? null))}`,
  );
  const ids = c.dependencies.map((d: Json) => d.id);
  assert.equal(new Set(ids).size, ids.length, "dependency ids are unique");
  const info = await (await get(h, "/demos/iface/gradio_api/info")).json();
  assert.deepEqual(Object.keys(info.named_endpoints), ["/hello"]);
});

Deno.test("[gradio] Examples: a Dataset of its inputs; a click fills them in the browser", async () => {
  await using h = await gradioHarness(apps());
  const { c } = await config(h, "/demos/iface");
  const ds = c.components.find((x: Json) => x.type === "dataset");
  const inputs = ds.props.component_ids;
  assert.deepEqual(
    ds.props.components,
    [{ name: "textbox", class_id: "textbox" }, {
      name: "slider",
      class_id: "slider",
    }],
  );
  assert.deepEqual(ds.props.samples, [["Linh", 3], ["Ana", 5]]);
  assert.deepEqual(ds.props.headers, ["name", "n"]);
  assert.equal(ds.props.component_props[1].maximum, 100);
  assert.equal(ds.props.component_props[0].value, undefined);
  assert.equal(ds.props.samples_per_page, 10);
  const dep = c.dependencies.find((d: Json) => d.targets[0]?.[0] === ds.id);
  assert.equal(dep.backend_fn, false);
  assert.deepEqual(dep.inputs, [ds.id]);
  assert.deepEqual(dep.outputs, inputs);
  const pick = new Function(`return ${dep.js}`)();
  assert.deepEqual(pick(1), ["Ana", 5]);
});

Deno.test("[gradio] GET {P}/theme.css and theme_hash", async (t) => {
  await using h = await gradioHarness(apps());
  const res = await get(h, "/demos/kit/theme.css");
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type")!, /^text\/css/);
  const css = await res.text();
  await t.step("Gradio's default theme variables, light and dark", () => {
    assert.match(css, /^:root \{\n {2}--primary-50: #fff7ed;/);
    assert.match(css, /\n {2}--primary-500: #f97316;\n/);
    assert.match(css, /\n {2}--neutral-800: #27272a;\n/);
    assert.match(
      css,
      /\n {2}--body-background-fill: var\(--background-fill-primary\);\n/,
    );
    assert.match(
      css,
      /\n:root\.dark, :root \.dark \{\n[^}]*--background-fill-primary: var\(--neutral-950\);/,
    );
    assert.match(
      css,
      /--button-primary-background-fill: var\(--primary-500\);/,
    );
    assert.match(css, /--font: 'Source Sans Pro', ui-sans-serif/);
    assert.doesNotMatch(css, /\*\w|None|@font-face|url\((?!"data:)/);
  });
  await t.step("theme_hash is its SHA-256; the ETag answers 304", async () => {
    const { c } = await config(h, "/demos/kit");
    assert.equal(c.theme_hash, createHash("sha256").update(css).digest("hex"));
    const again = await h.handler(
      new Request(`${BASE}/demos/kit/theme.css?v=${c.theme_hash}`, {
        headers: { "If-None-Match": res.headers.get("etag")! },
      }),
    );
    assert.equal(again.status, 304);
    await again.body?.cancel();
  });
  await t.step("every app serves it, the root app too", async () => {
    const other = await get(h, "/demos/iface/theme.css");
    assert.equal(await other.text(), css);
  });
});

Deno.test("[gradio] {P}/gradio_api/upload_progress", async (t) => {
  await using h = await gradioHarness(apps(), { HEARTBEAT_SECONDS: "0.1" });
  const P = "/demos/kit/gradio_api";
  await t.step(
    "a tracked upload: heartbeats, then done, then the end",
    async () => {
      const stream = get(h, `${P}/upload_progress?upload_id=up1`);
      const form = new FormData();
      form.append("files", new File([new Uint8Array(8)], "a.png"));
      await new Promise((r) => setTimeout(r, 250));
      const up = await h.handler(
        new Request(`${BASE}${P}/upload?upload_id=up1`, {
          method: "POST",
          body: form,
        }),
      );
      assert.equal(up.status, 200);
      await up.body?.cancel();
      const res = await stream;
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type")!, /text\/event-stream/);
      const frames = (await readSse(res)).map((f) => JSON.parse(f.data));
      assert.deepEqual(frames.at(-1), { msg: "done" });
      assert.ok(frames.slice(0, -1).every((f) => f.msg === "heartbeat"));
    },
  );
  await t.step(
    "read after the upload finished: done at once (POST too)",
    async () => {
      const up = await upload(h.handler, "/demos/kit", new Uint8Array(4));
      await up.body?.cancel();
      const form = new FormData();
      form.append("files", new File([new Uint8Array(4)], "b.bin"));
      await (await h.handler(
        new Request(`${BASE}${P}/upload?upload_id=up2`, {
          method: "POST",
          body: form,
        }),
      )).body?.cancel();
      const res = await postJson(
        h.handler,
        `${P}/upload_progress?upload_id=up2`,
        {},
      );
      assert.deepEqual((await readSse(res)).map((f) => f.data), [
        '{"msg":"done"}',
      ]);
    },
  );
  await t.step(
    "an id no upload used: done after the wait (Gradio 5's upload_id=undefined)",
    async () => {
      const t0 = Date.now();
      const res = await get(h, `${P}/upload_progress?upload_id=undefined`);
      assert.deepEqual(
        (await readSse(res)).map((f) => f.data).at(-1),
        '{"msg":"done"}',
      );
      assert.ok(Date.now() - t0 >= 2900);
    },
  );
  await t.step("a missing or malformed id is refused", async () => {
    for (const q of ["", "?upload_id=a/b", `?upload_id=${"x".repeat(65)}`]) {
      const res = await get(h, `${P}/upload_progress${q}`);
      assert.equal(res.status, 422, q);
      await res.body?.cancel();
    }
  });
});

Deno.test("[gradio] CORS_ORIGINS: listed origins echoed with credentials", async (t) => {
  await using h = await gradioHarness(apps(), {
    CORS_ORIGINS: "https://a.example, http://localhost:3000/",
  });
  const at = (origin: string, init: RequestInit = {}) =>
    h.handler(
      new Request(`${BASE}/demos/kit/config`, {
        ...init,
        headers: { Origin: origin, ...init.headers },
      }),
    );
  await t.step(
    "a listed origin: echoed, with credentials and Vary",
    async () => {
      for (const o of ["https://a.example", "http://localhost:3000"]) {
        const res = await at(o);
        await res.body?.cancel();
        assert.equal(res.headers.get("access-control-allow-origin"), o);
        assert.equal(
          res.headers.get("access-control-allow-credentials"),
          "true",
        );
        assert.match(res.headers.get("vary")!, /Origin/);
      }
    },
  );
  await t.step("another origin, or null: no CORS headers", async () => {
    for (const o of ["https://evil.example", "null"]) {
      const res = await at(o);
      await res.body?.cancel();
      assert.equal(res.headers.get("access-control-allow-origin"), null, o);
      assert.equal(res.headers.get("access-control-allow-credentials"), null);
    }
  });
  await t.step(
    "preflight: 204 for a listed origin, 403 otherwise",
    async () => {
      const pre = (origin: string) =>
        at(origin, {
          method: "OPTIONS",
          headers: {
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "content-type",
          },
        });
      const ok = await pre("https://a.example");
      assert.equal(ok.status, 204);
      assert.equal(
        ok.headers.get("access-control-allow-origin"),
        "https://a.example",
      );
      assert.equal(ok.headers.get("access-control-allow-credentials"), "true");
      assert.match(
        ok.headers.get("access-control-allow-headers")!,
        /Content-Type/,
      );
      const no = await pre("https://evil.example");
      assert.equal(no.status, 403);
      assert.equal(no.headers.get("access-control-allow-origin"), null);
    },
  );
  await t.step("default (*): any origin, never with credentials", async () => {
    await using star = await gradioHarness(apps());
    const res = await star.handler(
      new Request(`${BASE}/demos/kit/config`, {
        headers: { Origin: "https://b.example" },
      }),
    );
    await res.body?.cancel();
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(res.headers.get("access-control-allow-credentials"), null);
  });
  await t.step("a malformed origin stops the server at start", async () => {
    await assert.rejects(
      () => gradioHarness(apps(), { CORS_ORIGINS: "https://a.example/app" }),
      /CORS_ORIGINS/,
    );
  });
});

Deno.test("[gradio] values in Gradio's shapes: ImageEditor, Video, Label, Dataframe", async (t) => {
  await using h = await gradioHarness(apps());
  const run = async (name: string, data: unknown[]) => {
    const res = await postJson(h.handler, `/demos/kit/gradio_api/run/${name}`, {
      data,
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    return body.data;
  };
  const fd = async (bytes: Uint8Array, name: string) => {
    const [path] = await (await upload(h.handler, "/demos/kit", bytes, name))
      .json();
    return { path, orig_name: name, meta: { _type: "gradio.FileData" } };
  };
  await t.step("an ImageEditor value gives the kit its composite", async () => {
    const png = await fd(
      new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
      "c.png",
    );
    const [size] = await run("measure", [{
      background: null,
      layers: [png],
      composite: png,
    }]);
    assert.deepEqual(size, { size: 8 });
    // A plain FileData still works (the clients' shape).
    assert.deepEqual(await run("measure", [png]), [{ size: 8 }]);
  });
  await t.step("a function's null Label is {}", async () => {
    assert.deepEqual(await run("nothing", []), [{}]);
  });
  await t.step(
    "Video: 5.x's {video, subtitles} in; a FileData carrying both out",
    async () => {
      const webm = await fd(
        new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 0]),
        "v.webm",
      );
      for (const input of [webm, { video: webm, subtitles: null }]) {
        const [out, table] = await run("echo", [input]);
        assert.equal(out.meta._type, "gradio.FileData");
        assert.equal(out.video.path, out.path);
        assert.equal(out.subtitles, null);
        assert.match(out.url, /\/demos\/kit\/gradio_api\/file=/);
        assert.deepEqual(table.metadata, null);
        assert.deepEqual(table.data, [[1, 2]]);
      }
    },
  );
});

import assert from "node:assert/strict";
import {
  blocks,
  BlocksError,
  button,
  file,
  image,
  slider,
  textbox,
} from "../../lib/blocks/mod.ts";
import { greetBlocks } from "../../apps/greet_blocks.ts";
import { greetInterface } from "../../apps/greet_interface.ts";
import { kitHarness, one, url } from "./harness.tsx";
import { PNG_SIGNATURE } from "../../lib/bytes.ts";

const PNG = new Uint8Array([
  ...PNG_SIGNATURE,
  0,
  0,
  0,
  13,
  73,
  72,
  68,
  82,
]);

function testApp() {
  return blocks({ maxFileBytes: 1024 }, (b) => {
    const name = b.add(textbox({ label: "Name" }));
    const n = b.add(slider({ label: "N", minimum: 1, maximum: 5 }));
    const out = b.add(textbox({ label: "Out" }));
    b.add(button()).click(
      function repeat(s: string, k: number) {
        if (s === "boom") throw new BlocksError("No booms, please.");
        if (s === "crash") throw new Error("secret internals");
        return s.repeat(k);
      },
      [name, n],
      out,
    );
    const img = b.add(image({ label: "Photo" }));
    const f = b.add(file({ label: "Back" }));
    b.add(button()).click(
      function echo_image(i: { bytes: Uint8Array; name: string }) {
        return { bytes: i.bytes, name: `copy-${i.name}` };
      },
      img,
      f,
    );
  });
}

const post = (path: string, body: BodyInit, type = "application/json") =>
  new Request(url(path), {
    method: "POST",
    body,
    headers: type ? { "Content-Type": type } : {},
  });

async function upload(
  h: (r: Request) => Promise<Response>,
  bytes: Uint8Array,
  name: string,
  type = "image/png",
) {
  const form = new FormData();
  form.append(
    "files",
    new File([bytes as Uint8Array<ArrayBuffer>], name, { type }),
  );
  return await h(
    new Request(url("/demos/t/upload"), { method: "POST", body: form }),
  );
}

Deno.test("[api] POST {app}/api/{name}", async (t) => {
  await using kit = await one(testApp());
  const h = kit.handler;
  await t.step("JSON in, JSON out with duration", async () => {
    const res = await h(
      post("/demos/t/api/repeat", JSON.stringify({ data: ["ab", 3] })),
    );
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    const body = await res.json();
    assert.deepEqual(body.data, ["ababab"]);
    assert.equal(typeof body.duration, "number");
  });
  await t.step("bad values are 422 with a message", async () => {
    const res = await h(
      post("/demos/t/api/repeat", JSON.stringify({ data: ["ab", 9] })),
    );
    assert.equal(res.status, 422);
    assert.deepEqual(await res.json(), {
      error: {
        code: "invalid_input",
        message: "The value must be between 1 and 5.",
      },
    });
    const few = await h(
      post("/demos/t/api/repeat", JSON.stringify({ data: ["ab"] })),
    );
    assert.equal(few.status, 422);
    await few.body?.cancel();
  });
  await t.step("malformed JSON is 400", async () => {
    for (const body of ["{", '{"data": 1}', "null"]) {
      const res = await h(post("/demos/t/api/repeat", body));
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error.code, "bad_json");
    }
  });
  await t.step(
    "BlocksError is shown; other errors are hidden 500s",
    async () => {
      const res = await h(
        post("/demos/t/api/repeat", JSON.stringify({ data: ["boom", 1] })),
      );
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error.message, "No booms, please.");
      const orig = console.error;
      console.error = () => {};
      try {
        const crash = await h(
          post("/demos/t/api/repeat", JSON.stringify({ data: ["crash", 1] })),
        );
        assert.equal(crash.status, 500);
        assert.ok(!(await crash.text()).includes("secret"));
      } finally {
        console.error = orig;
      }
    },
  );
  await t.step("unknown endpoint is 404; GET is 405", async () => {
    const res = await h(post("/demos/t/api/nope", "{}"));
    assert.equal(res.status, 404);
    await res.body?.cancel();
    const get = await h(new Request(url("/demos/t/api/repeat")));
    assert.equal(get.status, 405);
    await get.body?.cancel();
  });
  await t.step("GET {app}/api describes the endpoints", async () => {
    const res = await h(new Request(url("/demos/t/api")));
    const doc = await res.json();
    assert.deepEqual(doc.endpoints.map((e: { path: string }) => e.path), [
      "/demos/t/api/repeat",
      "/demos/t/api/echo_image",
    ]);
  });
});

Deno.test("[api] files: upload, use, download; nothing else is served", async (t) => {
  await using kit = await one(testApp());
  const h = kit.handler;
  let ref: { path: string; url: string; mimeType: string };
  await t.step("POST {app}/upload → FileRef with a sniffed type", async () => {
    const res = await upload(h, PNG, "../../cat.png", "text/html");
    assert.equal(res.status, 200);
    [ref] = await res.json();
    assert.equal(ref.mimeType, "image/png");
    assert.match(ref.path, /^[\w-]{22}\/cat\.png$/);
    assert.equal(ref.url, `/demos/t/file/${ref.path}`);
  });
  await t.step(
    "the ref feeds a function; its file output is downloadable",
    async () => {
      const res = await h(
        post(
          "/demos/t/api/echo_image",
          JSON.stringify({ data: [{ path: ref.path }] }),
        ),
      );
      const [out] = (await res.json()).data;
      assert.equal(out.origName, "copy-cat.png");
      const file = await h(new Request(url(out.url)));
      assert.equal(file.status, 200);
      assert.equal(file.headers.get("content-type"), "image/png");
      assert.equal(file.headers.get("x-content-type-options"), "nosniff");
      assert.match(file.headers.get("content-disposition") ?? "", /^inline/);
      assert.deepEqual(new Uint8Array(await file.arrayBuffer()), PNG);
    },
  );
  await t.step(
    "multipart call: file parts by input label or index",
    async () => {
      const form = new FormData();
      form.append("Photo", new File([PNG], "a.png", { type: "image/png" }));
      const res = await h(
        new Request(url("/demos/t/api/echo_image"), {
          method: "POST",
          body: form,
        }),
      );
      assert.equal(res.status, 200);
      assert.equal((await res.json()).data[0].mimeType, "image/png");
    },
  );
  await t.step("unsafe types are served as attachments", async () => {
    const [html] = await (await upload(
      h,
      new TextEncoder().encode("<script>alert(1)</script>"),
      "x.html",
      "text/html",
    )).json();
    const res = await h(new Request(url(html.url)));
    assert.equal(res.headers.get("content-type"), "application/octet-stream");
    assert.match(res.headers.get("content-disposition") ?? "", /^attachment/);
    await res.body?.cancel();
  });
  await t.step("paths, traversal and unknown ids are refused", async () => {
    for (
      const p of [
        "/demos/t/file/..%2F..%2Fetc%2Fpasswd",
        "/demos/t/file//etc/passwd",
        "/demos/t/file/nope/x.png",
        "/demos/t/file/%E0%A4%A",
      ]
    ) {
      const res = await h(new Request(url(p)));
      assert.equal(res.status, 404, p);
      await res.body?.cancel();
    }
    for (
      const path of [
        "/etc/passwd",
        "../../../etc/passwd",
        "http://169.254.169.254/latest",
        "\\\\host\\share\\x",
      ]
    ) {
      const res = await h(
        post("/demos/t/api/echo_image", JSON.stringify({ data: [{ path }] })),
      );
      assert.equal(res.status, 422, path);
      await res.body?.cancel();
    }
  });
  await t.step("size limit: 413 while reading", async () => {
    const res = await upload(h, new Uint8Array(300 * 1024 + 2048), "big.png");
    assert.equal(res.status, 413);
    assert.equal((await res.json()).error.code, "payload_too_large");
    const small = await upload(h, new Uint8Array(2048), "two-k.bin");
    assert.equal(small.status, 413, "over the app's 1 KB file limit");
    await small.body?.cancel();
  });
  await t.step("upload needs multipart with files", async () => {
    const res = await h(post("/demos/t/upload", "{}"));
    assert.equal(res.status, 415);
    await res.body?.cancel();
  });
});

Deno.test("[api] greet demos answer over the kit API (and Interface's predict alias)", async () => {
  await using kit = await kitHarness([
    { path: "/demos/interface", name: "interface", app: greetInterface() },
    { path: "/demos/blocks", name: "blocks", app: greetBlocks() },
  ]);
  const h = kit.handler;
  for (
    const p of [
      "/demos/interface/api/greet",
      "/demos/interface/api/predict",
      "/demos/blocks/api/greet",
    ]
  ) {
    const res = await h(post(p, JSON.stringify({ data: ["Linh", 3] })));
    assert.deepEqual((await res.json()).data, [
      "Hello, Linh\nHello, Linh\nHello, Linh",
    ], p);
  }
  const res = await h(
    post("/demos/blocks/api/greet", JSON.stringify({ data: ["Linh", 2] })),
  );
  assert.equal(res.status, 200, "2 is within 1..20 (step is a UI hint)");
  await res.body?.cancel();
});

Deno.test("[api] the root app leaves other /api routes alone", async () => {
  await using kit = await kitHarness([{
    path: "",
    name: "root",
    app: testApp(),
  }]);
  const h = kit.handler;
  const res = await h(post("/api/segment", "{}"));
  assert.ok(
    !(await res.text()).includes("No endpoint"),
    "falls through to the next handler",
  );
  const ok = await h(post("/api/repeat", JSON.stringify({ data: ["a", 2] })));
  assert.deepEqual((await ok.json()).data, ["aa"]);
});

import assert from "node:assert/strict";
import { KvFileStore } from "../files/file_store.ts";
import {
  FileRefusedError,
  refusalReason,
  schemaHasFiles,
  toKitInputs,
  toWireOutputs,
} from "./file_data.ts";

Deno.test("file_data - issued ids become FileRefs, everything else is refused", async () => {
  using kv = await Deno.openKv(":memory:");
  const store = new KvFileStore(kv, "t");
  const f = await store.put(new Uint8Array([1, 2]), "cat.png", "image/png");
  const [ref] = await toKitInputs(
    [{ path: f.id, orig_name: "c.png", meta: { _type: "gradio.FileData" } }],
    [true],
    store,
  );
  assert.deepEqual(ref, {
    path: f.id,
    size: 2,
    origName: "c.png",
    mimeType: "image/png",
  });
  const bad: [unknown, RegExp][] = [
    ["/etc/passwd", /server file paths/],
    ["../../etc/passwd", /traversal/],
    ["%2e%2e%2fetc", /traversal/],
    ["%252e%252e%252fetc", /traversal/],
    ["\\\\host\\share", /UNC/],
    ["//host/share", /UNC/],
    ["C:\\Windows\\win.ini", /URLs|server file/],
    ["http://169.254.169.254/", /URLs are not fetched/],
    ["file:///etc/passwd", /URLs are not fetched/],
    ["abc/def.png", /not uploaded to this app/],
    [42, /path/],
  ];
  for (const [path, re] of bad) {
    assert.match(refusalReason(path, undefined)!, re, String(path));
    await assert.rejects(
      toKitInputs(
        [{ path, meta: { _type: "gradio.FileData" } }],
        [false],
        store,
      ),
      FileRefusedError,
    );
  }
  // A bare string for a file component, a url-only FileData, nested lists.
  await assert.rejects(
    toKitInputs(["/etc/passwd"], [true], store),
    FileRefusedError,
  );
  await assert.rejects(
    toKitInputs([{ url: "http://x/" }], [true], store),
    FileRefusedError,
  );
  await assert.rejects(
    toKitInputs([[{ path: "/etc/passwd" }]], [true], store),
    FileRefusedError,
  );
  // A file issued to another app is refused too.
  const other = new KvFileStore(kv, "other");
  await assert.rejects(
    toKitInputs([{ path: f.id }], [true], other),
    FileRefusedError,
  );
  // Plain objects with `path` in non-file components are data, not files.
  assert.deepEqual(await toKitInputs([{ path: "x" }], [false], store), [{
    path: "x",
  }]);
  assert.deepEqual(await toKitInputs([null, "text"], [true, false], store), [
    null,
    "text",
  ]);
});

Deno.test("file_data - the kit's file outputs become Gradio FileData with the file= URL", () => {
  const id = "AAAAAAAAAAAAAAAAAAAAAA/mask.png";
  const [out, text, data] = toWireOutputs(
    [
      { path: id, origName: "mask.png", size: 1, mimeType: "image/png" },
      "x",
      { path: "not a file ref" },
    ],
    (id) => `http://h/gradio_api/file=${id}`,
  );
  assert.deepEqual(out, {
    path: id,
    url: `http://h/gradio_api/file=${id}`,
    size: 1,
    orig_name: "mask.png",
    mime_type: "image/png",
    is_stream: false,
    meta: { _type: "gradio.FileData" },
  });
  assert.equal(text, "x");
  // Plain data with a `path` key stays data.
  assert.deepEqual(data, { path: "not a file ref" });
});

Deno.test("file_data - schemaHasFiles", () => {
  assert.equal(
    schemaHasFiles({
      type: "object",
      properties: { path: { type: "string" } },
    }),
    true,
  );
  assert.equal(
    schemaHasFiles({
      type: "array",
      items: { type: "object", properties: { path: {} } },
    }),
    true,
  );
  assert.equal(
    schemaHasFiles({ anyOf: [{ type: "null" }, { properties: { path: {} } }] }),
    true,
  );
  assert.equal(schemaHasFiles({ type: "string" }), false);
});

import assert from "node:assert/strict";
import { FileStore } from "../blocks/files.ts";
import {
  FileRefusedError,
  refusalReason,
  schemaHasFiles,
  toKitInputs,
  toWireOutputs,
} from "./file_data.ts";

Deno.test("file_data - issued ids become FileRefs, everything else is refused", () => {
  const store = new FileStore();
  const f = store.put(new Uint8Array([1, 2]), "cat.png", "image/png");
  const [ref] = toKitInputs(
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
    assert.match(refusalReason(path, store)!, re, String(path));
    assert.throws(
      () =>
        toKitInputs(
          [{ path, meta: { _type: "gradio.FileData" } }],
          [false],
          store,
        ),
      FileRefusedError,
    );
  }
  // A bare string for a file component, a url-only FileData, nested lists.
  assert.throws(
    () => toKitInputs(["/etc/passwd"], [true], store),
    FileRefusedError,
  );
  assert.throws(
    () => toKitInputs([{ url: "http://x/" }], [true], store),
    FileRefusedError,
  );
  assert.throws(
    () => toKitInputs([[{ path: "/etc/passwd" }]], [true], store),
    FileRefusedError,
  );
  // Plain objects with `path` in non-file components are data, not files.
  assert.deepEqual(toKitInputs([{ path: "x" }], [false], store), [{
    path: "x",
  }]);
  assert.deepEqual(toKitInputs([null, "text"], [true, false], store), [
    null,
    "text",
  ]);
});

Deno.test("file_data - outputs become Gradio FileData with the file= URL", () => {
  const store = new FileStore();
  const f = store.put(new Uint8Array([1]), "mask.png", "image/png");
  const [out, text] = toWireOutputs(
    [{ path: f.id, origName: "mask.png" }, "x"],
    store,
    (id) => `http://h/gradio_api/file=${id}`,
  );
  assert.deepEqual(out, {
    path: f.id,
    url: `http://h/gradio_api/file=${f.id}`,
    size: 1,
    orig_name: "mask.png",
    mime_type: "image/png",
    is_stream: false,
    meta: { _type: "gradio.FileData" },
  });
  assert.equal(text, "x");
  // A `path` the store never issued is left alone (not turned into a URL).
  assert.deepEqual(
    toWireOutputs([{ path: "/etc/passwd" }], store, (id) => id),
    [{ path: "/etc/passwd" }],
  );
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

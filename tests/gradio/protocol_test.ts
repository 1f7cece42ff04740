/**
 * Gradio protocol over raw HTTP against fixture apps: what a client reads
 * before it calls — the config, the API info, the API page — and what the
 * Python gradio_client needs. The event stream and calls are in queue_test.ts.
 */
import assert from "node:assert/strict";
import { BASE, gradioHarness, postJson as post, readSse } from "./fixtures.ts";

Deno.test("[gradio] GET {P}/config", async (t) => {
  await using h = await gradioHarness();
  const handler = h.handler;
  await t.step("describes the app in Gradio's shape", async () => {
    const res = await handler(new Request(`${BASE}/demos/greet/config`));
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /application\/json/);
    const c = await res.json();
    assert.equal(c.protocol, "sse_v3");
    assert.equal(c.api_prefix, "/gradio_api");
    assert.equal(c.root, `${BASE}/demos/greet`);
    assert.equal(c.enable_queue, true);
    assert.ok(
      Number(c.version.split(".")[0]) >= 4,
      "version > 3.36.1 for gradio_client",
    );
    const greet = c.dependencies.find((d: { api_name: string }) =>
      d.api_name === "greet"
    );
    assert.ok(greet);
    assert.deepEqual(greet.inputs, [1, 2]);
    assert.deepEqual(greet.outputs, [3]);
    const ids = new Set(c.components.map((x: { id: number }) => x.id));
    for (const d of c.dependencies) {
      for (const id of [...d.inputs, ...d.outputs]) {
        assert.ok(ids.has(id), `component ${id}`);
      }
    }
    // The Interface-era alias is a hidden dependency with its own fn_index.
    const alias = c.dependencies.find((d: { api_name: string }) =>
      d.api_name === "predict"
    );
    assert.ok(alias && alias.id !== greet.id);
    assert.equal(alias.api_visibility, "undocumented");
  });
  await t.step("security headers, and CORS only for real origins", async () => {
    const res = await handler(
      new Request(`${BASE}/demos/greet/config`, {
        headers: { Origin: "https://a.example" },
      }),
    );
    await res.body?.cancel();
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(res.headers.get("access-control-allow-credentials"), null);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const nul = await handler(
      new Request(`${BASE}/demos/greet/config`, {
        headers: { Origin: "null" },
      }),
    );
    await nul.body?.cancel();
    assert.equal(nul.headers.get("access-control-allow-origin"), null);
  });
  await t.step("other paths pass through", async () => {
    const res = await handler(new Request(`${BASE}/demos/nothing/config`));
    await res.body?.cancel();
    assert.equal(res.status, 404);
  });
});

Deno.test("[gradio] GET {P}/gradio_api/info", async () => {
  await using h = await gradioHarness();
  const res = await h.handler(
    new Request(`${BASE}/demos/greet/gradio_api/info`),
  );
  assert.equal(res.status, 200);
  const info = await res.json();
  const greet = info.named_endpoints["/greet"];
  assert.deepEqual(
    greet.parameters.map((p: { parameter_name: string }) => p.parameter_name),
    ["name", "intensity"],
  );
  assert.equal(greet.parameters[0].component, "Textbox");
  assert.equal(greet.parameters[0].python_type.type, "str");
  assert.equal(greet.parameters[0].parameter_has_default, false);
  assert.equal(greet.returns.length, 1);
  // As Gradio 6: the undocumented alias is listed only when asked for.
  assert.equal(info.named_endpoints["/predict"], undefined);
  assert.deepEqual(info.unnamed_endpoints, {});
  const all = await (await h.handler(
    new Request(`${BASE}/demos/greet/gradio_api/info?all_endpoints=True`),
  )).json();
  assert.equal(all.named_endpoints["/predict"].api_visibility, "undocumented");
});

Deno.test("[gradio] ?view=api and the API page", async () => {
  await using h = await gradioHarness();
  const handler = h.handler;
  const redirect = await handler(new Request(`${BASE}/demos/greet?view=api`));
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.get("location"), "/demos/greet/api-docs");
  const page = await handler(new Request(`${BASE}/demos/greet/api-docs`));
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-type")!, /text\/html/);
  const html = await page.text();
  assert.match(html, /Use via API/);
  assert.match(html, /client\.predict\(&quot;\/greet&quot;/);
  assert.match(html, /from gradio_client import Client/);
  assert.match(html, /gradio_api\/call\/greet/);
  assert.doesNotMatch(html, /<script/);
});

Deno.test("[gradio] what the Python gradio_client needs", async (t) => {
  await using h = await gradioHarness();
  const handler = h.handler;
  const config =
    await (await handler(new Request(`${BASE}/demos/files/config`))).json();
  await t.step("version > 3.36.1 (else it asks the HF space fetcher)", () => {
    const [a, b, c] = config.version.split(".").map(Number);
    assert.ok(
      a > 3 || (a === 3 && (b > 36 || (b === 36 && c > 1))),
      config.version,
    );
  });
  await t.step("every dependency input/output id is a component", () => {
    const ids = new Set(config.components.map((x: { id: number }) => x.id));
    for (const d of config.dependencies) {
      for (const id of [...d.inputs, ...d.outputs]) {
        assert.ok(ids.has(id), `id ${id}`);
      }
      assert.equal(d.backend_fn, true);
    }
  });
  await t.step("/info?serialize=False answers the same", async () => {
    const res = await handler(
      new Request(`${BASE}/demos/files/gradio_api/info?serialize=False`),
    );
    assert.equal(res.status, 200);
    const info = await res.json();
    assert.equal(
      info.named_endpoints["/reverse"].parameters[0].python_type.type,
      "filepath",
    );
  });
  await t.step("/heartbeat/{session} streams data: lines only", async () => {
    const frames = await readSse(
      await handler(
        new Request(`${BASE}/demos/files/gradio_api/heartbeat/abc`),
      ),
      2,
    );
    assert.deepEqual(frames, [{ data: "ALIVE" }, { data: "ALIVE" }]);
  });
  await t.step(
    "upload → FileData path → file= download, as the Python client does",
    async () => {
      const form = new FormData();
      form.append("files", new File([new Uint8Array([7, 8, 9])], "x.bin"));
      const [path] = await (await handler(
        new Request(`${BASE}/demos/files/gradio_api/upload`, {
          method: "POST",
          body: form,
        }),
      )).json();
      await post(handler, "/demos/files/gradio_api/queue/join", {
        data: [{
          path,
          orig_name: "x.bin",
          meta: { _type: "gradio.FileData" },
        }],
        fn_index: 0,
        session_hash: "py",
        event_data: null,
      });
      const frames = await readSse(
        await handler(
          new Request(
            `${BASE}/demos/files/gradio_api/queue/data?session_hash=py`,
          ),
        ),
      );
      const done = frames.map((f) => JSON.parse(f.data)).find((m) =>
        m.msg === "process_completed"
      );
      const [file, info] = done.output.data;
      assert.equal(info, "3 bytes");
      const res = await handler(new Request(file.url));
      assert.deepEqual(
        new Uint8Array(await res.arrayBuffer()),
        new Uint8Array([9, 8, 7]),
      );
    },
  );
});

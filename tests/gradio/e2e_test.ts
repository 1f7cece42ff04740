/**
 * The real server (`_fresh/server.js`, production permission flags) speaks
 * Gradio's protocol for the real apps: `@gradio/client` runs the greet
 * Interface demo and the pet app; raw HTTP checks the `/call` pair and
 * traversal attempts.
 */
import assert from "node:assert/strict";
import { Client } from "@gradio/client";
import { startServer, type TestServer } from "../helpers/server.ts";
import { examplePhoto } from "../helpers/fixtures.ts";
import { readSse } from "./fixtures.ts";
import { PNG_SIGNATURE } from "../../lib/bytes.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], [...PNG_SIGNATURE], "a PNG");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

/** Finds the greet Interface demo: the app whose config has a `/greet` endpoint taking (name, intensity). */
async function greetDemoPath(server: TestServer): Promise<string> {
  for (const p of ["/demos/interface", "/demos/greet"]) {
    const res = await fetch(`${server.url}${p}/gradio_api/info`);
    if (!res.ok) {
      await res.body?.cancel();
      continue;
    }
    const info = await res.json();
    if (info.named_endpoints["/greet"]) return p;
  }
  throw new Error("no greet Interface demo is mounted");
}

Deno.test({
  name: "[gradio e2e] real server",
  ...opts,
  async fn(t) {
    const server = await startServer();
    try {
      const greetPath = await greetDemoPath(server);

      await t.step(
        "@gradio/client predicts on the greet Interface demo",
        async () => {
          const client = await Client.connect(`${server.url}${greetPath}`);
          const info = await fetch(`${server.url}${greetPath}/gradio_api/info`)
            .then((r) => r.json());
          assert.deepEqual(
            info.named_endpoints["/greet"].parameters.map((
              p: { parameter_name: string },
            ) => p.parameter_name),
            ["name", "intensity"],
          );
          const r = await client.predict("/greet", {
            name: "Linh",
            intensity: 3,
          });
          assert.deepEqual(r.data, ["Hello, Linh\nHello, Linh\nHello, Linh"]);
          const alias = await client.predict("/predict", ["Linh", 3]);
          assert.deepEqual(alias.data, r.data);
          client.close();
        },
      );

      await t.step("the /call pair over raw HTTP", async () => {
        const res = await fetch(
          `${server.url}${greetPath}/gradio_api/call/greet`,
          {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ data: ["Linh", 3] }),
          },
        );
        assert.equal(res.status, 200);
        const { event_id } = await res.json();
        const frames = await readSse(
          await fetch(
            `${server.url}${greetPath}/gradio_api/call/greet/${event_id}`,
          ),
        );
        assert.equal(frames.at(-1)!.event, "complete");
        assert.deepEqual(JSON.parse(frames.at(-1)!.data), [
          "Hello, Linh\nHello, Linh\nHello, Linh",
        ]);
      });

      await t.step(
        "the SSE sequence over raw HTTP, with the server's headers",
        async () => {
          const config = await fetch(`${server.url}${greetPath}/config`).then((
            r,
          ) => r.json());
          const dep = config.dependencies.find((d: { api_name: string }) =>
            d.api_name === "greet"
          );
          const join = await fetch(
            `${server.url}${greetPath}/gradio_api/queue/join`,
            {
              method: "POST",
              headers: {
                "Content-Type": "application/json",
                "x-gradio-user": "api",
              },
              body: JSON.stringify({
                data: ["Linh", 1],
                fn_index: dep.id,
                session_hash: "e2e",
                event_data: null,
              }),
            },
          );
          assert.equal(join.status, 200);
          await join.body?.cancel();
          const res = await fetch(
            `${server.url}${greetPath}/gradio_api/queue/data?session_hash=e2e`,
          );
          assert.match(res.headers.get("content-type")!, /^text\/event-stream/);
          assert.match(res.headers.get("cache-control")!, /no-cache/);
          assert.ok(res.headers.get("content-security-policy"));
          const msgs = (await readSse(res)).map((f) => JSON.parse(f.data).msg);
          assert.deepEqual(msgs, [
            "estimation",
            "process_starts",
            "process_completed",
            "close_stream",
          ]);
        },
      );

      await t.step(
        "the pet app: @gradio/client predict → mask PNG of the photo's size",
        async () => {
          const cfg = await fetch(`${server.url}/config`);
          assert.equal(cfg.status, 200, "the pet app is mounted at /");
          const config = await cfg.json();
          assert.ok(
            config.dependencies.some((d: { api_name: string }) =>
              d.api_name === "process_image"
            ),
          );
          const client = await Client.connect(server.url);
          const photo = await examplePhoto("Abyssinian_105.jpg");
          const r = await client.predict("/process_image", [
            new Blob([photo as BlobPart], { type: "image/jpeg" }),
          ]);
          const [mask, timing, file] = r.data as [
            { url: string },
            string,
            { url: string },
          ];
          assert.match(timing, /^Processing time: \d+\.\d\d seconds$/);
          const png = new Uint8Array(
            await (await fetch(mask.url)).arrayBuffer(),
          );
          assert.deepEqual(pngSize(png), { width: 500, height: 375 });
          const download = await fetch(file.url);
          assert.equal(download.status, 200);
          await download.body?.cancel();
          client.close();
        },
      );

      await t.step("the API page and the OpenAPI document", async () => {
        const redirect = await fetch(`${server.url}${greetPath}?view=api`, {
          redirect: "manual",
        });
        await redirect.body?.cancel();
        assert.equal(redirect.status, 302);
        assert.equal(redirect.headers.get("location"), `${greetPath}/api-docs`);
        const page = await fetch(`${server.url}/api-docs`);
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.match(html, /client\.predict\(&quot;\/process_image&quot;/);
        assert.match(html, /handle_file\(&quot;photo\.jpg&quot;\)/);
        assert.match(html, /gradio_api\/upload/);
        assert.match(html, /\/openapi\.json/);
        const openapi = await fetch(`${server.url}/openapi.json`);
        assert.equal(openapi.status, 200);
        const doc = await openapi.json();
        assert.equal(doc.openapi, "3.1.0");
        assert.ok(doc.paths["/api/segment"].post);
      });

      await t.step(
        "a stdlib Python mirror of gradio_client's flow",
        async () => {
          const script =
            new URL("./python/client_flow.py", import.meta.url).pathname;
          const run = async (...args: string[]) => {
            const out = await new Deno.Command("python3", {
              args: [script, ...args],
              stdout: "piped",
              stderr: "piped",
            })
              .output();
            assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
            return JSON.parse(new TextDecoder().decode(out.stdout));
          };
          try {
            await new Deno.Command("python3", {
              args: ["--version"],
              stdout: "null",
              stderr: "null",
            }).output();
          } catch {
            console.warn("python3 not installed: skipped");
            return;
          }
          assert.deepEqual(
            await run(`${server.url}${greetPath}`, "greet", '["Linh", 3]'),
            [
              "Hello, Linh\nHello, Linh\nHello, Linh",
            ],
          );
          const photo =
            new URL("../../static/examples/Abyssinian_105.jpg", import.meta.url)
              .pathname;
          const [mask, info, file] = await run(
            server.url,
            "process_image",
            "[]",
            photo,
          );
          assert.equal(mask.mime_type, "image/png");
          assert.ok(mask.downloaded > 0 && file.downloaded > 0);
          assert.match(info, /^Processing time: \d+\.\d\d seconds$/);
        },
      );

      await t.step(
        "queue/data is not buffered: messages arrive as they happen",
        async () => {
          const form = new FormData();
          form.append(
            "files",
            new File(
              [await examplePhoto("Abyssinian_105.jpg") as BlobPart],
              "cat.jpg",
            ),
          );
          const [path] = await (await fetch(`${server.url}/gradio_api/upload`, {
            method: "POST",
            body: form,
          })).json();
          const config = await fetch(`${server.url}/config`).then((r) =>
            r.json()
          );
          const dep = config.dependencies.find((d: { api_name: string }) =>
            d.api_name === "process_image"
          );
          const join = await fetch(`${server.url}/gradio_api/queue/join`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({
              data: [{ path, meta: { _type: "gradio.FileData" } }],
              fn_index: dep.id,
              session_hash: "timing",
            }),
          });
          assert.equal(join.status, 200);
          await join.body?.cancel();
          const res = await fetch(
            `${server.url}/gradio_api/queue/data?session_hash=timing`,
          );
          const reader = res.body!.pipeThrough(new TextDecoderStream())
            .getReader();
          const arrivals: [string, number][] = [];
          let buf = "";
          while (!arrivals.some(([m]) => m === "close_stream")) {
            const { value, done } = await reader.read();
            if (done) break;
            buf += value;
            for (
              let i;
              (i = buf.indexOf("\n\n")) >= 0;
              buf = buf.slice(i + 2)
            ) {
              arrivals.push([
                JSON.parse(buf.slice(6, i)).msg,
                performance.now(),
              ]);
            }
          }
          await reader.cancel();
          const at = (m: string) => arrivals.find(([x]) => x === m)![1];
          assert.ok(
            at("process_completed") - at("estimation") > 5,
            JSON.stringify(arrivals),
          );
        },
      );

      await t.step(
        "traversal and unknown ids on file= never leak a byte",
        async () => {
          for (
            const p of [
              "/etc/passwd",
              "..%2f..%2fetc%2fpasswd",
              "%2e%2e/%2e%2e/deno.json",
              "deno.json",
              "http://169.254.169.254/",
            ]
          ) {
            const res = await fetch(
              `${server.url}/demos/interface/gradio_api/file=${p}`,
            );
            const body = await res.text();
            assert.ok(
              res.status === 403 || res.status === 404,
              `${p}: ${res.status}`,
            );
            assert.doesNotMatch(body, /root:|"tasks"/);
          }
          // Raw bytes on the socket: no URL normalization by the client.
          const conn = await Deno.connect({
            hostname: "127.0.0.1",
            port: Number(new URL(server.url).port),
          });
          await conn.write(new TextEncoder().encode(
            "GET /gradio_api/file=../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
          ));
          const chunks: Uint8Array[] = [];
          const buf = new Uint8Array(65536);
          for (let n; (n = await conn.read(buf)) !== null;) {
            chunks.push(buf.slice(0, n));
          }
          conn.close();
          const raw = new TextDecoder().decode(
            new Uint8Array(chunks.flatMap((c) => [...c])),
          );
          assert.match(raw, /^HTTP\/1\.1 (403|404)/);
          assert.doesNotMatch(raw, /root:/);
        },
      );
    } finally {
      await server.stop();
    }
  },
});

/**
 * `@gradio/client` (npm, pinned 2.7.0) against this server's Gradio
 * protocol: fixture apps served in-process on a real port.
 */
import assert from "node:assert/strict";
import { Client } from "@gradio/client";
import { gradioHarness } from "./fixtures.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name:
    "[gradio] @gradio/client - predict on a fixture greet app (named, keyword, positional, alias)",
  ...opts,
  async fn() {
    await using h = await gradioHarness();
    const server = { url: h.serve() };
    {
      const client = await Client.connect(`${server.url}/demos/greet`, {
        events: ["data", "status"],
      });
      const byKeyword = await client.predict("/greet", {
        name: "Linh",
        intensity: 3,
      });
      assert.deepEqual(byKeyword.data, ["Hello, Linh!!!"]);
      const positional = await client.predict("/greet", ["Linh", 1]);
      assert.deepEqual(positional.data, ["Hello, Linh!"]);
      // Aliases are undocumented (left out of /info, as Gradio 6 does), so
      // clients call them with positional values.
      const alias = await client.predict("/predict", ["Linh", 2]);
      assert.deepEqual(alias.data, ["Hello, Linh!!"]);
      const seen: string[] = [];
      for await (const ev of client.submit("/greet", ["Ana", 1])) {
        seen.push(ev.type === "status" ? ev.stage : ev.type);
        if (
          ev.type === "status" &&
          (ev.stage === "complete" || ev.stage === "error")
        ) break;
      }
      assert.ok(
        seen.includes("pending") && seen.includes("data") &&
          seen.at(-1) === "complete",
        seen.join(),
      );
      client.close();
    }
  },
});

Deno.test({
  name:
    "[gradio] @gradio/client - uploads a file and gets a FileData output URL",
  ...opts,
  async fn() {
    await using h = await gradioHarness();
    const server = { url: h.serve() };
    {
      const client = await Client.connect(`${server.url}/demos/files`);
      const bytes = new Uint8Array([1, 2, 3, 4, 5]);
      const result = await client.predict("/reverse", [new Blob([bytes])]);
      const [file, info] = result.data as [
        { url: string; path: string; meta: { _type: string } },
        string,
      ];
      assert.equal(info, "5 bytes");
      assert.equal(file.meta._type, "gradio.FileData");
      assert.ok(
        file.url.startsWith(`${server.url}/demos/files/gradio_api/file=`),
        file.url,
      );
      const res = await fetch(file.url);
      assert.equal(res.status, 200);
      assert.deepEqual(
        new Uint8Array(await res.arrayBuffer()),
        new Uint8Array([5, 4, 3, 2, 1]),
      );
      client.close();
    }
  },
});

Deno.test({
  name:
    "[gradio] @gradio/client - a refused FileData path surfaces as an error",
  ...opts,
  async fn() {
    await using h = await gradioHarness();
    const server = { url: h.serve() };
    {
      const client = await Client.connect(`${server.url}/demos/files`);
      await assert.rejects(
        client.predict("/reverse", [{
          path: "/etc/passwd",
          meta: { _type: "gradio.FileData" },
        }]),
        /File refused/,
      );
      client.close();
    }
  },
});

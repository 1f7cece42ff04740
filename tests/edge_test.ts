/**
 * Many instances, one KV file: two real server processes behind a front
 * that sends each request to the next instance (as Deno Deploy may), so an
 * upload, the call that uses it and the stream that reports it land on
 * different instances. Everything a user does must still work.
 */
import assert from "node:assert/strict";
import { Client, handle_file } from "@gradio/client";
import { startCluster, type TestCluster } from "./helpers/cluster.ts";
import { examplePhoto, png16Rgba } from "./helpers/fixtures.ts";
import { readSse } from "./gradio/fixtures.ts";

const opts = { sanitizeOps: false, sanitizeResources: false };

async function json(res: Response) {
  const body = await res.json();
  return { status: res.status, body };
}

Deno.test({
  name: "[edge] two instances over one KV file behind a round-robin front",
  ...opts,
  async fn(t) {
    const cluster: TestCluster = await startCluster(2);
    try {
      const base = cluster.url;
      await t.step("@gradio/client: the greet demo, 6 calls", async () => {
        const client = await Client.connect(`${base}/demos/interface`);
        for (let i = 1; i <= 6; i++) {
          const r = await client.predict("/greet", {
            name: `N${i}`,
            intensity: 1,
          });
          assert.deepEqual(r.data, [`Hello, N${i}`]);
        }
        client.close();
      });
      await t.step("@gradio/client: the pet app, 3 photos", async () => {
        const photo = new Blob([await examplePhoto() as BlobPart]);
        const client = await Client.connect(`${base}/`);
        for (let i = 0; i < 3; i++) {
          const r = await client.predict("/process_image", [
            handle_file(photo),
          ]);
          const [mask, info, download] = r.data as [
            { url: string },
            string,
            { url: string },
          ];
          assert.match(info, /^Processing time: [\d.]+ seconds$/);
          // The mask's URL may be served by either instance.
          for (const f of [mask, download]) {
            const res = await fetch(f.url);
            assert.equal(res.status, 200, f.url);
            assert.equal(res.headers.get("content-type"), "image/png");
            await res.body?.cancel();
          }
        }
        client.close();
      });
      await t.step(
        "@gradio/client: submit + cancel of a waiting photo",
        async () => {
          const photo = new Blob([await examplePhoto() as BlobPart]);
          // Slow photos ahead on both instances (a 12 MP 16-bit PNG decodes
          // for a good while), joined before the last photo is sent, so that
          // one surely waits; it is cancelled once the server accepted it.
          const slow = new Blob([await png16Rgba(4000, 3000) as BlobPart]);
          const client = await Client.connect(`${base}/`, {
            events: ["data", "status"],
          });
          const follow = (p: Blob) => {
            const job = client.submit("/process_image", [handle_file(p)]);
            let accepted!: () => void;
            const joined = new Promise<void>((r) => (accepted = r));
            const outcome = (async () => {
              let data: unknown;
              let stage = "";
              for await (const ev of job) {
                if (ev.type === "data") data = ev.data;
                if (ev.type === "status") {
                  stage = ev.stage;
                  // The client's own first "pending" comes before the join.
                  if (ev.position !== undefined) accepted();
                  if (ev.stage === "complete" || ev.stage === "error") break;
                }
              }
              accepted();
              return { data, stage };
            })();
            return { job, joined, outcome };
          };
          const ahead = [slow, slow, slow].map(follow);
          await Promise.all(ahead.map((j) => j.joined));
          const last = follow(photo);
          await last.joined;
          await last.job.cancel();
          const c = await last.outcome;
          for (const { outcome } of ahead) {
            const d = await outcome;
            assert.equal(d.stage, "complete");
            assert.match(String((d.data as unknown[])[1]), /Processing time/);
          }
          assert.notEqual(c.stage, "error", "a cancelled call just ends");
          assert.ok(
            !c.data || (c.data as unknown[]).length === 0 ||
              !/Processing time/.test(String((c.data as unknown[])[1])),
            "the cancelled photo was not processed",
          );
          client.close();
        },
      );
      await t.step(
        "cURL: POST call/{name} then GET call/{name}/{id}, 4 times",
        async () => {
          for (let i = 0; i < 4; i++) {
            const post = await json(
              await fetch(`${base}/demos/interface/gradio_api/call/greet`, {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({ data: ["Linh", 2] }),
              }),
            );
            assert.equal(post.status, 200);
            const frames = await readSse(
              await fetch(
                `${base}/demos/interface/gradio_api/call/greet/${post.body.event_id}`,
              ),
            );
            assert.deepEqual(frames.at(-1), {
              event: "complete",
              data: JSON.stringify(["Hello, Linh\nHello, Linh"]),
            });
          }
        },
      );
      await t.step(
        "kit API: upload on one instance, call on another, download on either",
        async () => {
          const form = new FormData();
          form.append(
            "files",
            new File([await examplePhoto() as BlobPart], "cat.jpg", {
              type: "image/jpeg",
            }),
          );
          const up = await json(
            await fetch(`${base}/demos/pet/upload`, {
              method: "POST",
              body: form,
            }),
          );
          assert.equal(up.status, 200);
          for (let i = 0; i < 2; i++) {
            const call = await json(
              await fetch(`${base}/demos/pet/api/process_image`, {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({ data: [{ path: up.body[0].path }] }),
              }),
            );
            assert.equal(call.status, 200, JSON.stringify(call.body));
            const mask = await fetch(`${base}${call.body.data[0].url}`);
            assert.equal(mask.status, 200);
            await mask.body?.cancel();
          }
        },
      );
      await t.step(
        "share: created on one instance, read and deleted on the other",
        async () => {
          const [a, b] = cluster.instances;
          const made = await json(
            await fetch(`${a.url}/api/segment?share=1`, {
              method: "POST",
              body: await examplePhoto() as BodyInit,
              headers: { "Content-Type": "image/jpeg" },
            }),
          );
          assert.equal(made.status, 200);
          const path = new URL(made.body.shareUrl).pathname;
          const page = await fetch(`${b.url}${path}`);
          assert.equal(page.status, 200);
          await page.body?.cancel();
          const del = await fetch(
            `${b.url}${new URL(made.body.shareDeleteUrl).pathname}${
              new URL(made.body.shareDeleteUrl).search
            }`,
            { method: "DELETE" },
          );
          assert.equal(del.status, 204);
          const gone = await fetch(`${a.url}${path}`);
          assert.equal(gone.status, 404);
          await gone.body?.cancel();
        },
      );
    } finally {
      await cluster.stop();
    }
  },
});

Deno.test({
  name: "[edge] a rate limit holds across instances",
  ...opts,
  async fn() {
    const cluster = await startCluster(2, { RATE_LIMIT_PER_MIN: "3" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(
          `${cluster.url}/demos/interface/gradio_api/run/greet`,
          {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ data: ["x", 1] }),
          },
        );
        statuses.push(res.status);
        await res.body?.cancel();
      }
      // Five requests alternate between the two instances: with a limit per
      // process each would allow 3 (all 5 pass); shared in KV, 3 pass.
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    } finally {
      await cluster.stop();
    }
  },
});

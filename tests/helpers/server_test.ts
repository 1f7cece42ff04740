import assert from "node:assert/strict";
import { startServerProcess } from "./server.ts";

const serveOk =
  `Deno.serve({ hostname: "127.0.0.1", port: 0 }, () => new Response("ok"));`;
const answers = (url: string) =>
  fetch(url).then(async (r) => (await r.body?.cancel(), true), () => false);

// A server that ignores SIGTERM must not hang the suite or the bench: stop()
// kills it and says so.
Deno.test("startServerProcess - stop() kills a server that ignores SIGTERM and reports it", async () => {
  const server = await startServerProcess({
    cmd: [
      Deno.execPath(),
      "eval",
      `Deno.addSignalListener("SIGTERM", () => {}); ${serveOk}`,
    ],
    label: "Stubborn server",
    stopMs: 300,
  });
  assert.ok(await answers(server.url));
  await assert.rejects(
    () => server.stop(),
    /Stubborn server did not exit within 300 ms of SIGTERM/,
  );
  assert.equal(await answers(server.url), false, "still answers after stop()");
});

Deno.test("startServerProcess - stop() returns once a server exits on SIGTERM", async () => {
  const server = await startServerProcess({
    cmd: [Deno.execPath(), "eval", serveOk],
    stopMs: 5_000,
  });
  assert.ok(await answers(server.url));
  await server.stop();
  assert.equal(await answers(server.url), false, "still answers after stop()");
});

/**
 * @module
 * `deno task cluster [N]`: runs N instances of the built app (default 2) over
 * one Deno KV file, behind a round-robin front on `PORT` (default 8000) — a
 * local stand-in for Deno Deploy, where every request may reach another
 * instance. Instances listen on free loopback ports with the server's own
 * permissions; Ctrl-C stops them all cleanly.
 *
 *   deno task cluster 3
 *   KV_PATH=data/cluster.sqlite PORT=8080 deno task cluster
 */
import { SERVER_FLAGS } from "./flags.ts";
import { loadSettings } from "../lib/settings.ts";
import { roundRobin } from "./cluster/round_robin.ts";

const n = Math.max(1, Number(Deno.args[0] ?? 2) || 2);
const settings = loadSettings();
const kvPath = Deno.env.get("KV_PATH") ?? "data/app.sqlite";

/** Starts one instance and resolves with its origin once it listens. */
async function instance(i: number) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...SERVER_FLAGS, "tasks/serve.ts"],
    env: {
      PORT: "0",
      LISTEN_HOST: "127.0.0.1",
      KV_PATH: kvPath,
      TRUST_PROXY: "1",
    },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (true) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`instance ${i} exited before listening:\n${out}`);
    out += value;
    const port = out.match(/Listening on https?:\/\/[^\s/]+:(\d+)\//)?.[1];
    if (port) {
      // Keep printing what the instance logs, prefixed.
      (async () => {
        for (;;) {
          const r = await reader.read();
          if (r.done) break;
          for (const line of r.value.split("\n").filter(Boolean)) {
            console.log(`[${i}] ${line}`);
          }
        }
      })();
      return { child, origin: `http://127.0.0.1:${port}` };
    }
  }
}

const instances = await Promise.all(
  Array.from({ length: n }, (_, i) => instance(i + 1)),
);
const front = Deno.serve({
  port: settings.port,
  hostname: settings.hostname,
  onListen(addr) {
    const host = addr.hostname === "0.0.0.0" ? "localhost" : addr.hostname;
    console.log(
      `Listening on http://${host}:${addr.port}/ — ${n} instances (${
        instances.map((x) => x.origin).join(", ")
      }) over ${kvPath}`,
    );
  },
}, roundRobin(instances.map((x) => x.origin)));

let stopping = false;
const stop = async () => {
  if (stopping) Deno.exit(1);
  stopping = true;
  for (const { child } of instances) {
    try {
      child.kill("SIGTERM");
    } catch { /* gone */ }
  }
  await Promise.all(instances.map(({ child }) => child.status));
  await front.shutdown();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);

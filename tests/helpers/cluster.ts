/**
 * @module
 * Several real server processes over one Deno KV file, behind the
 * round-robin front `deno task cluster` uses — so consecutive requests of
 * one client land on different instances, as on Deno Deploy.
 */
import { roundRobin } from "../../tasks/cluster/round_robin.ts";
import { startServer, type TestServer } from "./server.ts";

/** A running cluster. */
export interface TestCluster {
  /** The front's origin. */
  url: string;
  instances: TestServer[];
  kvPath: string;
  stop(): Promise<void>;
}

/**
 * Starts `n` instances (model loaded) over a fresh KV file under `data/`
 * (the only place the server may write) and the front on a free port.
 *
 * @example
 * ```ts
 * const cluster = await startCluster(2);
 * try { await fetch(`${cluster.url}/healthz`); } finally { await cluster.stop(); }
 * ```
 */
export async function startCluster(
  n: number,
  env: Record<string, string> = {},
): Promise<TestCluster> {
  await Deno.mkdir("data", { recursive: true });
  const kvPath = `data/test-cluster-${crypto.randomUUID().slice(0, 8)}.sqlite`;
  const instances = await Promise.all(
    Array.from(
      { length: n },
      () => startServer({ KV_PATH: kvPath, TRUST_PROXY: "1", ...env }),
    ),
  );
  const ac = new AbortController();
  const front = Deno.serve({
    port: 0,
    hostname: "127.0.0.1",
    signal: ac.signal,
    onListen: () => {},
  }, roundRobin(instances.map((s) => s.url)));
  return {
    url: `http://127.0.0.1:${front.addr.port}`,
    instances,
    kvPath,
    async stop() {
      ac.abort();
      await front.finished;
      await Promise.all(instances.map((s) => s.stop()));
      for (const suffix of ["", "-wal", "-shm"]) {
        await Deno.remove(kvPath + suffix).catch(() => {});
      }
    },
  };
}

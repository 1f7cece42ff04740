/**
 * @module
 * Starts the real server (`_fresh/server.js`, built by `deno task build`) in a
 * subprocess on a random port, with the same permission flags as
 * `deno task start`, and stops it afterwards.
 */
import { SERVER_FLAGS } from "../../tasks/flags.ts";

/** A running server. */
export interface TestServer {
  url: string;
  child: Deno.ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the server with extra environment variables and waits until it
 * listens and the model is loaded.
 *
 * @example
 * ```ts
 * const server = await startServer({ KV_PATH: ":memory:" });
 * try { await fetch(server.url); } finally { await server.stop(); }
 * ```
 */
export async function startServer(
  env: Record<string, string> = {},
  /** Extra `deno run` flags, e.g. `--preload` a module. */
  denoArgs: string[] = [],
): Promise<TestServer> {
  const root = new URL("../../", import.meta.url);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...SERVER_FLAGS, ...denoArgs, "tasks/serve.ts"],
    cwd: root,
    env: {
      PORT: "0",
      LISTEN_HOST: "127.0.0.1",
      KV_PATH: ":memory:",
      NO_COLOR: "1",
      // Lets a developer run the suite against another model folder.
      ...(Deno.env.get("MODEL_DIR")
        ? { MODEL_DIR: Deno.env.get("MODEL_DIR")! }
        : {}),
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  const decoder = new TextDecoder();
  const pump = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s) out += decoder.decode(chunk, { stream: true });
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  let exited = false;
  child.status.then(() => (exited = true));
  const fail = async (why: string): Promise<never> => {
    if (!exited) child.kill();
    await child.status;
    await pumps.catch(() => {});
    throw new Error(`${why}:\n${out}`);
  };
  const deadline = Date.now() + 30_000;
  let url = "";
  while (!url) {
    const m = out.match(/https?:\/\/[^\s/]+:(\d+)/);
    if (m) url = `http://127.0.0.1:${m[1]}`;
    else if (exited || Date.now() > deadline) {
      await fail("Server did not start");
    } else await new Promise((r) => setTimeout(r, 50));
  }
  // Wait for the model: /healthz answers 200 once the worker is ready.
  while (true) {
    const res = await fetch(`${url}/healthz`).catch(() => null);
    const ok = res?.ok;
    await res?.body?.cancel();
    if (ok) break;
    if (exited || Date.now() > deadline) await fail("Model did not load");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => out,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
      await pumps.catch(() => {});
    },
  };
}

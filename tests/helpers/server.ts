/**
 * @module
 * Starts the real server (`_fresh/server.js`, built by `deno task build`) in a
 * subprocess on a random port, with the same permission flags as
 * `deno task start`, and stops it afterwards.
 */
import { SERVER_FLAGS } from "../../tasks/flags.ts";
import { DRAIN_MS } from "../../http/lifecycle.ts";

/** A running server. */
export interface TestServer {
  url: string;
  child: Deno.ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** A server command to start and wait for (see {@linkcode startServerProcess}). */
export interface ServerCommand {
  /** Program and arguments, e.g. `["deno", "serve", …, "_fresh/server.js"]`. */
  cmd: string[];
  /** Working directory. Default: the project root. */
  cwd?: string | URL;
  /** Environment on top of `PORT=0`, `LISTEN_HOST=127.0.0.1`, `KV_PATH=:memory:`. */
  env?: Record<string, string>;
  /** Longest wait for listening and the model loaded, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Names the server in errors. Default "Server". */
  label?: string;
  /**
   * Longest wait for the server to exit after `stop()`'s SIGTERM, in ms, before
   * it is killed and `stop()` throws. Default: the app's drain time + 6.5 s.
   */
  stopMs?: number;
}

/**
 * Starts a server command on a free port and waits until it prints its URL
 * and `/healthz` answers 200 (the model is loaded); throws with everything
 * it printed when it exits or runs out of time.
 *
 * @example
 * ```ts
 * const server = await startServerProcess({ cmd: ["deno", "task", "serve"], cwd: "/tmp/app" });
 * try { await fetch(server.url); } finally { await server.stop(); }
 * ```
 */
export async function startServerProcess(
  c: ServerCommand,
): Promise<TestServer> {
  const label = c.label ?? "Server";
  const stopMs = c.stopMs ?? DRAIN_MS + 6_500;
  const child = new Deno.Command(c.cmd[0], {
    args: c.cmd.slice(1),
    cwd: c.cwd ?? new URL("../../", import.meta.url),
    env: {
      PORT: "0",
      LISTEN_HOST: "127.0.0.1",
      KV_PATH: ":memory:",
      NO_COLOR: "1",
      ...c.env,
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
    throw new Error(`${label} ${why}:\n${out}`);
  };
  const deadline = Date.now() + (c.timeoutMs ?? 30_000);
  let url = "";
  while (!url) {
    const m = out.match(/https?:\/\/[^\s/]+:(\d+)/);
    if (m) url = `http://127.0.0.1:${m[1]}`;
    else if (exited || Date.now() > deadline) {
      await fail("did not start");
    } else await new Promise((r) => setTimeout(r, 50));
  }
  // Wait for the model: /healthz answers 200 once the worker is ready.
  while (true) {
    const res = await fetch(`${url}/healthz`).catch(() => null);
    const ok = res?.ok;
    await res?.body?.cancel();
    if (ok) break;
    if (exited || Date.now() > deadline) await fail("did not load the model");
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
      // The app drains for at most DRAIN_MS after SIGTERM; a server still up
      // well after that is a bug to report, not a reason to hang the caller.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stopped = await Promise.race([
        child.status.then(() => true),
        new Promise<false>((r) => timer = setTimeout(() => r(false), stopMs)),
      ]);
      clearTimeout(timer);
      if (!stopped) {
        child.kill("SIGKILL");
        await child.status;
      }
      await pumps.catch(() => {});
      if (!stopped) {
        throw new Error(
          `${label} did not exit within ${stopMs} ms of SIGTERM:\n${out}`,
        );
      }
    },
  };
}

/**
 * Starts the app's server (`tasks/serve.ts`) with extra environment
 * variables and waits until it listens and the model is loaded.
 *
 * @example
 * ```ts
 * const server = await startServer({ KV_PATH: ":memory:" });
 * try { await fetch(server.url); } finally { await server.stop(); }
 * ```
 */
export function startServer(
  env: Record<string, string> = {},
  /** Extra `deno run` flags, e.g. `--preload` a module. */
  denoArgs: string[] = [],
): Promise<TestServer> {
  const modelDir = Deno.env.get("MODEL_DIR");
  return startServerProcess({
    cmd: [
      Deno.execPath(),
      "run",
      ...SERVER_FLAGS,
      ...denoArgs,
      "tasks/serve.ts",
    ],
    // Lets a developer run the suite against another model folder.
    env: { ...(modelDir ? { MODEL_DIR: modelDir } : {}), ...env },
  });
}

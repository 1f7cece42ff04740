/**
 * @module
 * Child processes of `tasks/fresh_swap_check.ts`: one-shot commands in the
 * copy (`deno task build`, `deno check`, …) and the app's server, started on
 * a free port and waited for until `/healthz` answers.
 */

/** Runs a command in `cwd` to its end; `out` is stdout then stderr. */
export async function run(
  cmd: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ ok: boolean; out: string }> {
  const out = await new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return {
    ok: out.success,
    out: dec.decode(out.stdout) + dec.decode(out.stderr),
  };
}

/** A started app server. */
export interface Server {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the app server `cmd` in `cwd` on a free port (with an in-memory KV)
 * and resolves once its `/healthz` answers 200; throws with the server's
 * output when it exits or takes over two minutes.
 */
export async function startServer(
  label: string,
  cmd: string[],
  cwd: string,
): Promise<Server> {
  const child = new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd,
    env: {
      NO_COLOR: "1",
      PORT: "0",
      LISTEN_HOST: "127.0.0.1",
      KV_PATH: ":memory:",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  const dec = new TextDecoder();
  const pump = async (s: ReadableStream<Uint8Array>) => {
    for await (const c of s) out += dec.decode(c, { stream: true });
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  let exited = false;
  child.status.then(() => exited = true);
  const stop = async () => {
    if (!exited) child.kill("SIGTERM");
    await child.status;
    await pumps.catch(() => {});
  };
  const deadline = Date.now() + 120_000;
  let url = "";
  while (!url) {
    const m = out.match(/https?:\/\/[^\s/]+:(\d+)/);
    if (m) url = `http://127.0.0.1:${m[1]}`;
    else if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`${label} did not start:\n${out}`);
    } else await new Promise((r) => setTimeout(r, 100));
  }
  // The model loads in the background; /healthz answers 200 once it is ready.
  while (true) {
    const res = await fetch(`${url}/healthz`).catch(() => null);
    await res?.body?.cancel();
    if (res?.ok) break;
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`${label}: /healthz never answered 200:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, output: () => out, stop };
}

/**
 * @module
 * A tiny front for several instances of the app: every request goes to the
 * next instance in turn — the way Deno Deploy may route each request to
 * another instance — with `X-Forwarded-Host/-Proto/-For` set (instances run
 * with `TRUST_PROXY=1`). Bodies and event streams pass through unbuffered;
 * a client that goes away aborts the upstream request.
 */

/**
 * A handler spreading requests over `targets` (origins like
 * `http://127.0.0.1:41234`) in turn.
 *
 * @example
 * ```ts
 * Deno.serve({ port: 8000 }, roundRobin(["http://127.0.0.1:41001", "http://127.0.0.1:41002"]));
 * ```
 */
export function roundRobin(
  targets: readonly string[],
): (req: Request, info: Deno.ServeHandlerInfo) => Promise<Response> {
  let next = 0;
  return async (req, info) => {
    const target = targets[next++ % targets.length];
    const url = new URL(req.url);
    const headers = new Headers(req.headers);
    headers.set("x-forwarded-host", url.host);
    headers.set("x-forwarded-proto", url.protocol.replace(":", ""));
    headers.set(
      "x-forwarded-for",
      (info.remoteAddr as Deno.NetAddr).hostname,
    );
    try {
      const res = await fetch(`${target}${url.pathname}${url.search}`, {
        method: req.method,
        headers,
        body: req.body,
        redirect: "manual",
        signal: req.signal,
      });
      return new Response(res.body, {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    } catch (err) {
      if (req.signal.aborted) return new Response(null, { status: 499 });
      return new Response(
        `Upstream ${target} failed: ${(err as Error).message}`,
        {
          status: 502,
        },
      );
    }
  };
}

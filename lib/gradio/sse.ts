/**
 * @module
 * Server-sent events framing: one helper that formats a frame and one that
 * turns an async iterable of frames into an unbuffered streaming Response.
 *
 * @example
 * ```ts
 * sseFrame('{"msg":"heartbeat"}');            // 'data: {"msg":"heartbeat"}\n\n'
 * sseFrame("[1]", "complete");                // 'event: complete\ndata: [1]\n\n'
 * sseResponse((async function* () { yield sseFrame("1"); })());
 * ```
 */

/**
 * Formats one SSE frame. Multi-line data becomes several `data:` lines;
 * an `event` name with CR/LF is refused (it would forge frames).
 */
export function sseFrame(data: string, event?: string): string {
  if (event !== undefined && /[\r\n]/.test(event)) {
    throw new Error("SSE event names cannot contain line breaks.");
  }
  const lines = data.split(/\r\n|\r|\n/).map((l) => `data: ${l}\n`).join("");
  return `${event !== undefined ? `event: ${event}\n` : ""}${lines}\n`;
}

/** Headers every event stream gets: no caching, no proxy buffering. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

/**
 * Streams frames as `text/event-stream`, each frame flushed as its own
 * chunk. `frames` may be a function of an AbortSignal that fires when the
 * client goes away (so a generator waiting for its next message stops at
 * once); the iterator's `return()` runs too, so its `finally` can clean up.
 */
export function sseResponse(
  frames:
    | AsyncIterable<string>
    | ((signal: AbortSignal) => AsyncIterable<string>),
  init: ResponseInit = {},
): Response {
  const gone = new AbortController();
  const source = typeof frames === "function" ? frames(gone.signal) : frames;
  const it = source[Symbol.asyncIterator]();
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(enc.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      gone.abort();
      await it.return?.();
    },
  }, { highWaterMark: 0 });
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(SSE_HEADERS)) headers.set(k, v);
  return new Response(body, { ...init, headers });
}

/**
 * @module
 * What every Gradio route handler gets, and its error type: handlers throw
 * {@link GradioHttpError} and the mount turns it into FastAPI's
 * `{"detail": "..."}` JSON, as Gradio answers.
 *
 * @example
 * ```ts
 * throw new GradioHttpError(404, "Endpoint /nope not found.");
 * ```
 */
import type { GradioHost } from "../../lib/gradio/host.ts";
import { detailBody } from "../../lib/gradio/wire.ts";

/** One request routed to a hosted app. */
export interface GradioRequest {
  req: Request;
  url: URL;
  host: GradioHost;
  /** Absolute URL of the app, no trailing slash (`https://host` or `https://host/demos/x`). */
  root: string;
  /** Captures of the route pattern. */
  match: RegExpMatchArray;
  /** The caller's address (for rate limits). */
  clientAddress: string;
  /** Seconds the caller must wait before another call (0 = go ahead). */
  admit: (endpoint: string) => number;
}

/** A route handler. */
export type GradioHandler = (r: GradioRequest) => Response | Promise<Response>;

/** An HTTP error with the `detail` the client sees. */
export class GradioHttpError extends Error {
  override name = "GradioHttpError";
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    readonly body?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

/** Throws a 429 when the caller is over its call budget. */
export function checkAdmission(r: GradioRequest, endpoint: string): void {
  const wait = r.admit(endpoint);
  if (wait > 0) {
    throw new GradioHttpError(
      429,
      `Too many calls from your address. Try again in ${wait} seconds.`,
      { "Retry-After": String(wait) },
    );
  }
}

/** A JSON answer that is never cached. */
export function json(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return Response.json(body, {
    status,
    headers: { "Cache-Control": "no-store", ...headers },
  });
}

/** The JSON answer for a thrown error. */
export function errorJson(err: GradioHttpError): Response {
  return json(err.body ?? detailBody(err.detail), err.status, err.headers);
}

/** Reads a JSON body of at most `limit` bytes; 413/400 otherwise. */
export async function readJson(
  req: Request,
  limit = 4 * 1024 * 1024,
): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await req.body?.cancel().catch(() => {});
    throw new GradioHttpError(
      413,
      `The request body is larger than ${limit} bytes.`,
    );
  }
  let text = "";
  if (req.body) {
    const reader = req.body.getReader();
    const dec = new TextDecoder();
    let total = 0;
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw new GradioHttpError(
          413,
          `The request body is larger than ${limit} bytes.`,
        );
      }
      text += dec.decode(value, { stream: true });
    }
    text += dec.decode();
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new GradioHttpError(400, "The request body must be valid JSON.");
  }
}

/**
 * @module
 * Reading request bodies with a hard size limit, enforced while streaming.
 */
import { concatBytes } from "../lib/bytes.ts";

/** The body is larger than allowed. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(
      `The upload is larger than ${
        formatBytes(limit)
      }. Choose a smaller photo or reduce its size.`,
    );
  }
}

/** Formats a byte count for people, e.g. `15 MB`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/**
 * Reads the whole body, failing with {@link BodyTooLargeError} as soon as it
 * passes `limit` bytes (a lying or absent Content-Length cannot get around it).
 *
 * @example
 * ```ts
 * const bytes = await readBodyLimited(req, 15 * 1024 * 1024);
 * ```
 */
export async function readBodyLimited(
  req: Request,
  limit: number,
): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await req.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(limit);
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    parts.push(value);
  }
  return parts.length === 1 ? parts[0] : concatBytes(parts);
}

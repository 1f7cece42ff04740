/**
 * @module
 * What every route needs from a request, in one place: who is asking (the
 * client key rate limits use), the public origin for absolute links, and the
 * body — read with a size limit enforced while streaming, a deadline and a
 * minimum rate (so a client trickling bytes cannot hold a slot), a cap on
 * bodies one client may send at once, and a cap on the bytes all bodies
 * being read may hold in this instance's memory.
 */
import type { Context } from "fresh";
import { concatBytes } from "../lib/bytes.ts";
import { UserFacingError } from "../lib/errors.ts";

/** The body is larger than allowed. */
export class BodyTooLargeError extends UserFacingError {
  override name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(
      413,
      "payload_too_large",
      `The upload is larger than ${
        formatBytes(limit)
      }. Choose a smaller photo or reduce its size.`,
    );
  }
}

/** The body came too slowly (or stalled) and was cut off. */
export class BodyTimeoutError extends UserFacingError {
  override name = "BodyTimeoutError";
  constructor() {
    super(
      408,
      "upload_too_slow",
      "The upload was too slow and was stopped. Check your connection and try again.",
    );
  }
}

/** Too many uploads at once (from this client, or for this instance). */
export class UploadsBusyError extends UserFacingError {
  override name = "UploadsBusyError";
  constructor(mine: boolean) {
    super(
      mine ? 429 : 503,
      mine ? "too_many_uploads" : "overloaded",
      mine
        ? "You are already sending several files. Wait for them to finish and try again."
        : "The server is receiving many uploads right now. Please try again in a few seconds.",
      mine ? 2 : 5,
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
 * The key rate limits and caps count per client: the peer address, or —
 * behind a proxy this deployment trusts (`TRUST_PROXY=1`, as `deno task
 * cluster`'s front sets) — the first `X-Forwarded-For` address.
 *
 * @example
 * ```ts
 * clientKey(ctx, settings.trustProxy); // "203.0.113.7"
 * ```
 */
export function clientKey(
  ctx: Pick<Context<unknown>, "req" | "info">,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const fwd = ctx.req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd && /^[0-9a-fA-F:.]{2,45}$/.test(fwd)) return fwd;
  }
  return (ctx.info?.remoteAddr as Deno.NetAddr | undefined)?.hostname ??
    "unknown";
}

/** How absolute links are made: from `PUBLIC_URL`, or from allowed `Host` values. */
export interface OriginPolicy {
  /** `PUBLIC_URL` (wins when set). */
  publicUrl?: string;
  /** `TRUST_PROXY`: take the host and scheme from `X-Forwarded-Host`/`-Proto`. */
  trustProxy?: boolean;
  /** `ALLOWED_HOSTS`: host names (any port) or `host:port`s a request may name, or `"any"`. */
  allowedHosts: readonly string[] | "any";
}

/**
 * The origin for absolute links (share URLs, `og:url`, Gradio's `root`):
 * `PUBLIC_URL` when set; else the request's own origin only if its host is in
 * `ALLOWED_HOSTS`; else `undefined` — callers then use relative URLs, so a
 * forged `Host` header can never put another site into a link.
 *
 * @example
 * ```ts
 * publicOrigin(req, { allowedHosts: ["pets.example.com"] }); // "https://pets.example.com" or undefined
 * ```
 */
export function publicOrigin(
  req: Request,
  policy: OriginPolicy,
): string | undefined {
  if (policy.publicUrl) return policy.publicUrl;
  const url = new URL(req.url);
  if (policy.trustProxy) {
    const fwdHost = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
    try {
      if (fwdHost) url.host = fwdHost;
      if (proto === "http" || proto === "https") url.protocol = `${proto}:`;
    } catch { /* a malformed forwarded host: keep the request's own */ }
  }
  const host = url.host.toLowerCase();
  const bare = host.replace(/:\d+$/, "");
  const allowed = policy.allowedHosts === "any" ||
    policy.allowedHosts.some((h) => {
      const a = h.toLowerCase();
      return a === host || (!a.includes(":") && a === bare);
    });
  return allowed ? url.origin : undefined;
}

/** Limits of {@link readBody}. */
export interface BodyLimits {
  /** Bytes allowed. */
  limit: number;
  /** The body must be complete within this many ms. Default 120 000. */
  deadlineMs?: number;
  /** After `graceMs`, the average rate must stay at or above this. Default 8 KiB/s. */
  minBytesPerS?: number;
  /** Time before the minimum rate applies. Default 10 000 ms. */
  graceMs?: number;
  /** Who sends it (for the per-client cap); undefined skips the cap. */
  client?: string;
}

/**
 * Bodies read at once per client (several people behind one address may
 * upload together), and bytes held by bodies being read (this instance).
 */
export const BODY_CAPS = { perClient: 8, totalBytes: 160 * 1024 * 1024 };

const reading = new Map<string, number>();
let held = 0;

/**
 * Reads the whole body under {@link BodyLimits}: fails with
 * {@link BodyTooLargeError} as soon as it passes `limit` (a lying or absent
 * Content-Length cannot get around it), {@link BodyTimeoutError} when it is
 * too slow, {@link UploadsBusyError} past the per-client or memory caps.
 *
 * @example
 * ```ts
 * const bytes = await readBody(req, { limit: 15 * 1024 * 1024, client: clientKey(ctx) });
 * ```
 */
export async function readBody(
  req: Request,
  limits: BodyLimits,
): Promise<Uint8Array> {
  const { limit } = limits;
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await req.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(limit);
  }
  if (!req.body) return new Uint8Array(0);
  const client = limits.client;
  if (
    client !== undefined && (reading.get(client) ?? 0) >= BODY_CAPS.perClient
  ) {
    await req.body.cancel().catch(() => {});
    throw new UploadsBusyError(true);
  }
  if (held >= BODY_CAPS.totalBytes) {
    await req.body.cancel().catch(() => {});
    throw new UploadsBusyError(false);
  }
  if (client !== undefined) reading.set(client, (reading.get(client) ?? 0) + 1);
  const deadlineMs = limits.deadlineMs ?? 120_000;
  const graceMs = limits.graceMs ?? 10_000;
  const minRate = limits.minBytesPerS ?? 8 * 1024;
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  const t0 = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    while (true) {
      const elapsed = Date.now() - t0;
      // Wake at the next point where the rate or the deadline could fail.
      const rateDue = elapsed < graceMs
        ? graceMs - elapsed
        : ((total + 1) / minRate) * 1000 - elapsed;
      const wait = Math.max(1, Math.min(deadlineMs - elapsed, rateDue));
      const tooSlow = new Promise<"slow">((r) => {
        timer = setTimeout(() => r("slow"), wait);
      });
      const next = await Promise.race([reader.read(), tooSlow]);
      clearTimeout(timer);
      if (next === "slow") {
        const t = Date.now() - t0;
        if (t >= deadlineMs || (t >= graceMs && total / (t / 1000) < minRate)) {
          await reader.cancel().catch(() => {});
          throw new BodyTimeoutError();
        }
        continue;
      }
      if (next.done) break;
      total += next.value.length;
      held += next.value.length;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw new BodyTooLargeError(limit);
      }
      parts.push(next.value);
    }
  } finally {
    clearTimeout(timer);
    held -= total;
    if (client !== undefined) {
      const n = (reading.get(client) ?? 1) - 1;
      if (n > 0) reading.set(client, n);
      else reading.delete(client);
    }
  }
  return parts.length === 1 ? parts[0] : concatBytes(parts);
}

/**
 * Reads a multipart body under {@link BodyLimits} and parses it.
 *
 * @example
 * ```ts
 * const form = await readForm(req, { limit: 16e6, client });
 * const photo = form.get("image");
 * ```
 */
export async function readForm(
  req: Request,
  limits: BodyLimits,
): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    await req.body?.cancel().catch(() => {});
    throw new UserFacingError(
      415,
      "unsupported_media_type",
      "Send the files as multipart/form-data.",
    );
  }
  const bytes = await readBody(req, limits);
  try {
    return await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { "Content-Type": type },
    }).formData();
  } catch {
    throw new UserFacingError(
      400,
      "bad_multipart",
      "The multipart body could not be read.",
    );
  }
}

/**
 * @module
 * `POST /api/segment`: upload → segmentation → JSON (or the PNG itself), with
 * an optional share link.
 */
import { encodeBase64 } from "../lib/base64.ts";
import type { SegmentResult } from "../lib/segment/segment.ts";
import type { CreatedShare } from "../lib/share/shares.ts";
import type { Services } from "../lib/services.ts";
import { ApiError, toApiError } from "./errors.ts";
import { parseSegmentRequest } from "./segment_request.ts";

/** Longest side of the photo preview kept with a share link. */
export const SHARE_PHOTO_MAX_SIDE = 720;

/** The origin used in absolute links: `PUBLIC_URL`, else the request's own. */
export function publicOrigin(req: Request, publicUrl?: string): string {
  return publicUrl ?? new URL(req.url).origin;
}

/**
 * Whether the client prefers the PNG itself to JSON, by the `Accept` header's
 * q-values (JSON wins ties and when neither is named).
 *
 * @example
 * ```ts
 * wantsPng(new Request("http://x", { headers: { Accept: "image/png" } })); // true
 * ```
 */
export function wantsPng(req: Request): boolean {
  let png = 0, json = 0;
  for (const part of (req.headers.get("accept") ?? "").split(",")) {
    const [type, ...params] = part.trim().toLowerCase().split(";");
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qp ? Number(qp.slice(2)) || 0 : 1;
    if (type === "image/png") png = Math.max(png, q);
    else if (type === "application/json") json = Math.max(json, q);
  }
  return png > json;
}

/** A share that was created, or why it could not be. */
export type ShareOutcome =
  | { url: string; deleteUrl: string; created: CreatedShare }
  | { error: ApiError };

/** JSON body of a successful segmentation. */
export function resultJson(result: SegmentResult, share?: ShareOutcome) {
  const body: Record<string, unknown> = {
    mask: `data:image/png;base64,${encodeBase64(result.maskPng)}`,
    width: result.width,
    height: result.height,
    classes: result.classes,
    timing: result.timing,
  };
  if (share && "url" in share) {
    body.shareUrl = share.url;
    body.shareExpiresAt = new Date(share.created.expiresAt).toISOString();
    body.shareDeleteUrl = share.deleteUrl;
  } else if (share) {
    body.shareError = { code: share.error.code, message: share.error.message };
  }
  return body;
}

/** The same share information as response headers, for `Accept: image/png`. */
function shareHeaders(share?: ShareOutcome): Record<string, string> {
  if (!share) return {};
  if ("error" in share) return { "X-Share-Error": share.error.message };
  return {
    "X-Share-Url": share.url,
    "X-Share-Delete-Url": share.deleteUrl,
    "X-Share-Expires-At": new Date(share.created.expiresAt).toISOString(),
  };
}

/** Requests admitted at once: bodies being read plus photos queued or running. */
let admitted = 0;

/**
 * Handles one segmentation request end to end. Throws `ApiError`-mappable errors.
 */
export async function handleSegment(
  req: Request,
  services: Services,
  clientKey: string,
): Promise<Response> {
  const { config, segmenter, shares, rateLimiter } = services;
  const wait = rateLimiter.hit(clientKey);
  if (wait > 0) {
    await req.body?.cancel().catch(() => {});
    throw new ApiError(
      429,
      "rate_limited",
      `Too many photos from your address. Try again in ${wait} seconds.`,
      { "Retry-After": String(wait) },
    );
  }
  // Bound the uploads held in memory, not just the queue: shed load before
  // reading a body we could not process anyway.
  if (segmenter.full || admitted > config.maxQueue) {
    await req.body?.cancel().catch(() => {});
    throw segmenter.overloadError();
  }
  admitted++;
  let result: SegmentResult;
  let wantsShare: boolean;
  try {
    const upload = await parseSegmentRequest(req, config.maxBodyBytes);
    wantsShare = upload.share;
    result = await segmenter.segment(upload.bytes, {
      maxPixels: config.maxPixels,
      thumbnailMaxSide: upload.share ? SHARE_PHOTO_MAX_SIDE : 0,
    }, req.signal);
  } finally {
    admitted--;
  }
  const headers = {
    "Cache-Control": "no-store",
    "X-Image-Width": String(result.width),
    "X-Image-Height": String(result.height),
    "Server-Timing":
      `decode;dur=${result.timing.decodeMs}, inference;dur=${result.timing.inferenceMs}, total;dur=${result.timing.totalMs}`,
  };
  let share: ShareOutcome | undefined;
  if (wantsShare) {
    try {
      const created = await shares.create(result);
      const origin = publicOrigin(req, config.publicUrl);
      share = {
        url: `${origin}/s/${created.id}`,
        deleteUrl:
          `${origin}/api/share/${created.id}?token=${created.deleteToken}`,
        created,
      };
    } catch (err) {
      share = { error: toApiError(err) };
    }
  }
  if (wantsPng(req)) {
    return new Response(result.maskPng as BodyInit, {
      headers: {
        ...headers,
        ...shareHeaders(share),
        "Content-Type": "image/png",
        "Content-Disposition": 'inline; filename="mask.png"',
      },
    });
  }
  return Response.json(resultJson(result, share), { headers });
}

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

/** Wants the PNG itself rather than JSON? (`Accept: image/png` ranked above JSON.) */
export function wantsPng(req: Request): boolean {
  const accept = req.headers.get("accept") ?? "";
  return /image\/png/i.test(accept) &&
    !/application\/json/i.test(accept.split("image/png")[0]);
}

/** JSON body of a successful segmentation. */
export function resultJson(
  result: SegmentResult,
  share?: { url: string; created: CreatedShare } | { error: ApiError },
) {
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
    body.shareDeleteUrl = `${share.url}?token=${share.created.deleteToken}`;
  } else if (share) {
    body.shareError = { code: share.error.code, message: share.error.message };
  }
  return body;
}

/**
 * Handles one segmentation request end to end. Throws `ApiError`-mappable errors.
 */
export async function handleSegment(
  req: Request,
  services: Services,
  clientKey: string,
) {
  const { config, segmenter, shares, rateLimiter } = services;
  const wait = rateLimiter.hit(clientKey);
  if (wait > 0) {
    await req.body?.cancel().catch(() => {});
    throw new ApiError(
      429,
      "rate_limited",
      `Too many photos from your address. Try again in ${wait} seconds.`,
      {
        "Retry-After": String(wait),
      },
    );
  }
  // Shed load before reading a large body we could not process anyway.
  if (segmenter.full) {
    await req.body?.cancel().catch(() => {});
    throw segmenter.overloadError();
  }
  const upload = await parseSegmentRequest(req, config.maxBodyBytes);
  const result = await segmenter.segment(upload.bytes, {
    maxPixels: config.maxPixels,
    thumbnailMaxSide: upload.share ? SHARE_PHOTO_MAX_SIDE : 0,
  });
  const headers = {
    "Cache-Control": "no-store",
    "X-Image-Width": String(result.width),
    "X-Image-Height": String(result.height),
    "Server-Timing":
      `decode;dur=${result.timing.decodeMs}, inference;dur=${result.timing.inferenceMs}, total;dur=${result.timing.totalMs}`,
  };
  let share: Parameters<typeof resultJson>[1];
  if (upload.share) {
    try {
      const created = await shares.create(result);
      share = {
        url: `${publicOrigin(req, config.publicUrl)}/s/${created.id}`,
        created,
      };
    } catch (err) {
      share = { error: toApiError(err) };
    }
  }
  if (wantsPng(req)) {
    const extra: Record<string, string> = share && "url" in share
      ? { "X-Share-Url": share.url }
      : {};
    return new Response(result.maskPng as BodyInit, {
      headers: {
        ...headers,
        ...extra,
        "Content-Type": "image/png",
        "Content-Disposition": 'inline; filename="mask.png"',
      },
    });
  }
  return Response.json(resultJson(result, share), { headers });
}

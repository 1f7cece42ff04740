/**
 * @module
 * The plain REST API's two writes, both thin over `lib/`:
 *
 * - `POST /api/segment`: a photo (multipart field `image`, or raw bytes with
 *   an `image/*` type) → the mask as JSON (or the PNG itself with
 *   `Accept: image/png`), optionally with a share link (`share=1`). The body
 *   is read first (size, deadline and rate limits), then the photo waits in
 *   the model's lane with every other model call.
 * - `POST /api/share`: the page shares a result it already has — its photo
 *   (downscaled) and the mask it was given — without a second inference.
 */
import type { Context } from "fresh";
import { encodeBase64 } from "../lib/base64.ts";
import type {
  SegmentResponse,
  ShareLinks,
  ShareResponse,
} from "../lib/api/segment_api.ts";
import { toUserFacing, UserFacingError } from "../lib/errors.ts";
import { SUPPORTED_TYPES } from "../lib/image/sniff.ts";
import { MODEL_LANE } from "../lib/jobs/scheduler.ts";
import type { SegmentResult } from "../lib/segment/segment.ts";
import { SHARE_PHOTO_MAX_SIDE } from "../lib/segment/shareable.ts";
import type { CreatedShare, ShareableResult } from "../lib/share/shares.ts";
import type { State } from "../utils.ts";
import { publicOrigin, readBody, readForm } from "./request.ts";
import { runImageOp } from "../lib/image/offload.ts";
import { admitShare } from "./share_guard.ts";

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

const truthy = (v: string | null | undefined) =>
  v != null && /^(1|true|yes|on)$/i.test(v);

/** A parsed upload. */
interface SegmentUpload {
  bytes: Uint8Array;
  share: boolean;
}

async function readUpload(ctx: Context<State>): Promise<SegmentUpload> {
  const req = ctx.req;
  const limits = {
    limit: ctx.state.services.settings.maxBodyBytes,
    client: ctx.state.client,
  };
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let share = truthy(ctx.url.searchParams.get("share"));
  if (type.startsWith("multipart/form-data")) {
    const form = await readForm(req, limits);
    const file = form.get("image");
    share ||= truthy(form.get("share") as string | null);
    if (!(file instanceof File)) {
      throw new UserFacingError(
        400,
        "missing_image",
        'No photo was attached. Send it in a multipart file field named "image".',
      );
    }
    return { bytes: new Uint8Array(await file.arrayBuffer()), share };
  }
  if (
    type.startsWith("image/") || type.startsWith("application/octet-stream")
  ) {
    return { bytes: await readBody(req, limits), share };
  }
  await req.body?.cancel().catch(() => {});
  if (!type && (!req.body || req.headers.get("content-length") === "0")) {
    throw new UserFacingError(
      400,
      "missing_image",
      'No photo was sent. Send it in a multipart file field named "image", or as the raw body with an image Content-Type.',
    );
  }
  throw new UserFacingError(
    415,
    "unsupported_media_type",
    `Send the photo as multipart/form-data (field "image") or as raw bytes with an image Content-Type. Supported formats: ${
      SUPPORTED_TYPES.join(", ")
    }.`,
  );
}

/** Creates the share and its links (relative when the origin is not trusted). */
async function createShare(
  ctx: Context<State>,
  result: ShareableResult,
): Promise<ShareLinks> {
  const { shares, settings } = ctx.state.services;
  const created: CreatedShare = await shares.create(result);
  const origin = publicOrigin(ctx.req, settings) ?? "";
  return {
    shareUrl: `${origin}/s/${created.id}`,
    shareDeleteUrl:
      `${origin}/api/share/${created.id}?token=${created.deleteToken}`,
    shareExpiresAt: new Date(created.expiresAt).toISOString(),
  };
}

/** `POST /api/segment`. */
export async function segmentPhoto(ctx: Context<State>): Promise<Response> {
  const { settings, segmenter, scheduler } = ctx.state.services;
  const upload = await readUpload(ctx);
  // Refuse a share before spending the model on it.
  if (upload.share) await admitShare(ctx);
  const result: SegmentResult = await scheduler.run(
    MODEL_LANE,
    (signal) =>
      segmenter.segment(upload.bytes, {
        maxPixels: settings.maxPixels,
        maxDecodeBytes: settings.maxDecodeBytes,
        thumbnailMaxSide: upload.share ? SHARE_PHOTO_MAX_SIDE : 0,
      }, signal),
    { signal: ctx.req.signal, timeLimitMs: settings.inferenceTimeoutMs },
  );
  let links: ShareLinks | undefined;
  let shareError: SegmentResponse["shareError"];
  if (upload.share && result.thumbnail) {
    try {
      links = await createShare(ctx, {
        ...result,
        thumbnail: result.thumbnail,
      });
    } catch (err) {
      const e = toUserFacing(err);
      shareError = { code: e.code, message: e.message };
    }
  }
  const headers: Record<string, string> = {
    "Cache-Control": "no-store",
    "X-Image-Width": String(result.width),
    "X-Image-Height": String(result.height),
    "Server-Timing":
      `decode;dur=${result.timing.decodeMs}, inference;dur=${result.timing.inferenceMs}, total;dur=${result.timing.totalMs}`,
  };
  if (wantsPng(ctx.req)) {
    if (links) {
      headers["X-Share-Url"] = links.shareUrl;
      headers["X-Share-Delete-Url"] = links.shareDeleteUrl;
      headers["X-Share-Expires-At"] = links.shareExpiresAt;
    } else if (shareError) headers["X-Share-Error"] = shareError.message;
    return new Response(result.maskPng as BodyInit, {
      headers: {
        ...headers,
        "Content-Type": "image/png",
        "Content-Disposition": 'inline; filename="mask.png"',
      },
    });
  }
  const body: SegmentResponse = {
    mask: `data:image/png;base64,${encodeBase64(result.maskPng)}`,
    width: result.width,
    height: result.height,
    classes: result.classes,
    timing: result.timing,
    ...links,
    ...(shareError ? { shareError } : {}),
  };
  return Response.json(body, { headers });
}

/**
 * `POST /api/share`: multipart `photo` (the page's copy, at most
 * {@link SHARE_PHOTO_MAX_SIDE} px is enough) and `mask` (the PNG the page
 * got), optional `totalMs`.
 */
export async function shareResult(ctx: Context<State>): Promise<Response> {
  const { settings, segmenter, scheduler } = ctx.state.services;
  const form = await readForm(ctx.req, {
    limit: settings.maxBodyBytes,
    client: ctx.state.client,
  });
  const photo = form.get("photo"), mask = form.get("mask");
  if (!(photo instanceof File) || !(mask instanceof File)) {
    throw new UserFacingError(
      400,
      "missing_image",
      'Send the photo and its mask as multipart files "photo" and "mask".',
    );
  }
  await admitShare(ctx);
  const [photoBytes, maskBytes] = await Promise.all([
    photo.arrayBuffer(),
    mask.arrayBuffer(),
  ]);
  const shareable = await scheduler.run(
    MODEL_LANE,
    (signal) =>
      segmenter.shareable(
        new Uint8Array(photoBytes),
        new Uint8Array(maskBytes),
        {
          maxPixels: settings.maxPixels,
          maxDecodeBytes: settings.maxDecodeBytes,
          totalMs: Number(form.get("totalMs")) || 0,
        },
        signal,
      ),
    { signal: ctx.req.signal, timeLimitMs: settings.inferenceTimeoutMs },
  );
  const body: ShareResponse = await createShare(ctx, shareable);
  return Response.json(body, {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  });
}

/** Longest side of a preview: what the page uploads for large photos, too. */
const MAX_SIDE = 1600;

/**
 * `POST /api/preview`: an upright JPEG of the photo in the body, for pages
 * whose browser cannot show its format (see `routes/api/preview.ts`).
 */
export async function previewPhoto(ctx: Context<State>): Promise<Response> {
  const { settings, scheduler } = ctx.state.services;
  const asked = Number(ctx.url.searchParams.get("max") ?? MAX_SIDE);
  const maxSide = Math.min(MAX_SIDE, Math.max(64, asked || MAX_SIDE));
  const bytes = await readBody(ctx.req, {
    limit: settings.maxBodyBytes,
    client: ctx.state.client,
  });
  const out = await scheduler.run(
    MODEL_LANE,
    (signal) =>
      runImageOp(
        {
          op: "preview",
          bytes,
          maxPixels: settings.maxPixels,
          maxDecodeBytes: settings.maxDecodeBytes,
          maxSide,
        },
        signal,
        settings.inferenceTimeoutMs,
      ),
    { signal: ctx.req.signal, timeLimitMs: settings.inferenceTimeoutMs },
  );
  return new Response(out.jpeg as BodyInit, {
    headers: {
      "Content-Type": "image/jpeg",
      "Cache-Control": "no-store",
      "X-Image-Width": String(out.width),
      "X-Image-Height": String(out.height),
    },
  });
}

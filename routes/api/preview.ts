/**
 * @module
 * `POST /api/preview`: a photo's raw bytes (any type we read) → an upright
 * JPEG of it, at most 1600 px per side (`?max=` for less), with the photo's
 * own size in `X-Image-Width`/`X-Image-Height`. For pages in browsers that
 * cannot show the format themselves (HEIC in Chromium and Firefox): the
 * server decodes it, as it would for the model. It waits in the model's
 * queue, decodes in the image worker under the same budgets and time limit,
 * and counts against the same rate limit as `/api/segment`.
 */
import { define, type State } from "../../utils.ts";
import { byMethod } from "../../http/apps/methods.ts";
import { readBody } from "../../http/request.ts";
import { runImageOp } from "../../lib/image/offload.ts";
import { MODEL_LANE } from "../../lib/jobs/scheduler.ts";
import type { Context } from "fresh";

/** Longest side of a preview: what the page uploads for large photos, too. */
const MAX_SIDE = 1600;

async function preview(ctx: Context<State>): Promise<Response> {
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

/** `POST /api/preview`. */
export const handler = define.handlers(byMethod<State>({ POST: preview }));

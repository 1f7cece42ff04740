/**
 * @module
 * `GET|POST {P}/gradio_api/upload_progress?upload_id=…`, the stream Gradio's
 * web component reads while it uploads (`POST {P}/gradio_api/upload?upload_id=…`,
 * which {@link trackUpload} marks as running, then done): `data:` frames —
 * heartbeats while it runs, then `{"msg":"done"}`, and the stream ends.
 *
 * An upload this instance does not see start within 3 s is also answered
 * `done` (Gradio answers 404 there): it may have run on another instance,
 * and Gradio 5.49.1's own upload widget asks for `upload_id=undefined` (its
 * progress component never gets the id), which would otherwise end in an
 * error in the browser's console for every upload.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../../lib/errors.ts";
import { sseFrame, sseResponse } from "../../lib/gradio/sse.ts";
import { UPLOAD_ID, uploadTracker } from "../../lib/gradio/upload_progress.ts";
import type { State } from "../../utils.ts";
import { hostedOf } from "./respond.ts";

type Handler = (ctx: Context<State>) => Response | Promise<Response>;

/** How long the stream waits for the upload to start (as Gradio). */
const TRACK_WAIT_MS = 3_000;

function uploadKey(ctx: Context<State>): string | undefined {
  const id = ctx.url.searchParams.get("upload_id");
  if (id === null) return undefined;
  if (!UPLOAD_ID.test(id)) {
    throw new UserFacingError(
      422,
      "invalid_input",
      "`upload_id` must be 1-64 letters, digits, `_` or `-`.",
    );
  }
  return `${hostedOf(ctx).path}:${id}`;
}

/**
 * Wraps the upload route: with `?upload_id=`, the upload is tracked from
 * its start until its answer (success or error).
 *
 * @example
 * ```ts
 * route(g("/upload"), byMethod({ POST: trackUpload(postUpload) }));
 * ```
 */
export function trackUpload(upload: Handler): Handler {
  return async function trackedUpload(ctx) {
    const key = uploadKey(ctx);
    if (key === undefined) return await upload(ctx);
    uploadTracker.start(key);
    try {
      return await upload(ctx);
    } finally {
      uploadTracker.finish(key);
    }
  };
}

/**
 * Streams the upload's progress.
 *
 * @example
 * ```ts
 * // curl -N 'http://localhost:8000/gradio_api/upload_progress?upload_id=x1'
 * // data: {"msg":"done"}
 * ```
 */
export function getUploadProgress(ctx: Context<State>): Response {
  const key = uploadKey(ctx);
  if (key === undefined) {
    throw new UserFacingError(
      422,
      "invalid_input",
      "The query parameter `upload_id` is required.",
    );
  }
  const heartbeatMs = ctx.state.services.settings.heartbeatMs;
  return sseResponse(async function* (signal) {
    await uploadTracker.tracked(key, TRACK_WAIT_MS, signal);
    while (!signal.aborted) {
      if (await uploadTracker.done(key, heartbeatMs, signal)) {
        yield sseFrame(JSON.stringify({ msg: "done" }));
        return;
      }
      if (!signal.aborted) yield sseFrame(JSON.stringify({ msg: "heartbeat" }));
    }
  });
}

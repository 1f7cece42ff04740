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
import { previewPhoto } from "../../http/segment_api.ts";

/** `POST /api/preview`. */
export const handler = define.handlers(byMethod<State>({ POST: previewPhoto }));

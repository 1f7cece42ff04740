/**
 * @module
 * `GET {P}/config`: the app description Gradio clients start from, and
 * `GET {P}/gradio_api/app_id`.
 */
import type { Context } from "fresh";
import { buildConfig } from "../../lib/gradio/app_config.ts";
import { appIdBody } from "../../lib/gradio/wire.ts";
import type { State } from "../../utils.ts";
import { appRoot, hostedOf, json } from "./respond.ts";

/** Server start: Gradio's `app_id` changes on every restart (clients use it to detect one). */
const APP_ID = crypto.getRandomValues(new Uint32Array(1))[0];

/**
 * Answers the app's config with `root` set to the app's public URL.
 *
 * @example
 * ```ts
 * // curl http://localhost:8000/demos/greet/config → {"protocol":"sse_v3","api_prefix":"/gradio_api",...}
 * ```
 */
export function getConfig(ctx: Context<State>): Response {
  return json(
    buildConfig(hostedOf(ctx).app, { root: appRoot(ctx), appId: APP_ID }),
  );
}

/** `GET {P}/gradio_api/app_id` (used by clients to detect a restart). */
export function getAppId(): Response {
  return json(appIdBody(APP_ID));
}

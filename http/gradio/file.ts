/**
 * @module
 * `GET/HEAD {P}/gradio_api/file={id}`: serves only files the app's store
 * issued (uploads and outputs), from KV, on any instance. Anything else —
 * server paths, traversal, URLs, UNC names — is a 403 without touching the
 * filesystem or the network.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../../lib/errors.ts";
import type { State } from "../../utils.ts";
import { fileResponse } from "../apps/file_response.ts";
import { hostedOf } from "./respond.ts";

/**
 * Answers the stored bytes (with single-range support).
 *
 * @example
 * ```ts
 * // curl http://localhost:8000/gradio_api/file=<id> → the PNG
 * // curl http://localhost:8000/gradio_api/file=/etc/passwd → 403 {"detail":"File not allowed."}
 * ```
 */
export async function getFile(ctx: Context<State>): Promise<Response> {
  const id = (ctx.params.target ?? "").replace(/^file=/, "");
  const file = await hostedOf(ctx).files.get(id);
  if (!file) throw new UserFacingError(403, "forbidden", "File not allowed.");
  return fileResponse(ctx.req, file);
}

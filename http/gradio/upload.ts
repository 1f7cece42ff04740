/**
 * @module
 * `POST {P}/gradio_api/upload`: multipart field `files` (repeatable) into the
 * app's file store in KV. Answers the issued ids, which clients then send as
 * FileData `path`s. Sizes are enforced while the body streams in.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../../lib/errors.ts";
import { sniffMime } from "../../lib/files/mime.ts";
import type { State } from "../../utils.ts";
import { readForm } from "../request.ts";
import { MAX_FILES_PER_REQUEST } from "../apps/kit.ts";
import { hostedOf, json } from "./respond.ts";

/**
 * Stores each uploaded file; the content type is decided by the bytes, never
 * by the client.
 *
 * @example
 * ```ts
 * // curl -F files=@cat.jpg http://localhost:8000/gradio_api/upload → ["<22 chars>/cat.jpg"]
 * ```
 */
export async function postUpload(ctx: Context<State>): Promise<Response> {
  const store = hostedOf(ctx).files;
  // Room for two files at the limit plus the multipart framing; each file is checked below.
  const form = await readForm(ctx.req, {
    limit: store.maxFileBytes * 2 + 64 * 1024,
    client: ctx.state.client,
  });
  const files = form.getAll("files").filter((f): f is File =>
    f instanceof File
  );
  if (!files.length) {
    throw new UserFacingError(
      400,
      "missing_file",
      "No file in the field `files`.",
    );
  }
  if (files.length > MAX_FILES_PER_REQUEST) {
    throw new UserFacingError(
      413,
      "too_many_files",
      `At most ${MAX_FILES_PER_REQUEST} files per upload request.`,
    );
  }
  const ids: string[] = [];
  for (const f of files) {
    const data = new Uint8Array(await f.arrayBuffer());
    ids.push(
      (await store.putUpload(data, f.name || "file", sniffMime(data, f.type)))
        .id,
    );
  }
  return json(ids);
}

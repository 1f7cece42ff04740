/**
 * @module
 * `POST {P}/gradio_api/upload`: multipart field `files` (repeatable) into the
 * app's own file store. Answers the issued ids, which clients then send as
 * FileData `path`s. Sizes are enforced while the body streams in.
 */
import { BodyTooLargeError, readBodyLimited } from "../body.ts";
import { FileTooLargeError } from "../../lib/blocks/files.ts";
import { sniffMime } from "../../lib/blocks/mime.ts";
import { GradioHttpError, type GradioRequest, json } from "./respond.ts";

/** Files accepted in one upload request. */
export const MAX_FILES_PER_UPLOAD = 16;

/**
 * Stores each uploaded file; the content type is decided by the bytes, never
 * by the client.
 *
 * @example
 * ```ts
 * // curl -F files=@cat.jpg http://localhost:8000/gradio_api/upload → ["<22 chars>/cat.jpg"]
 * ```
 */
export async function postUpload(
  { req, host }: GradioRequest,
): Promise<Response> {
  const store = host.app.files;
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    await req.body?.cancel().catch(() => {});
    throw new GradioHttpError(
      400,
      "Send the files as multipart/form-data in the field `files`.",
    );
  }
  // Room for two files at the limit plus the multipart framing; each file is checked below.
  const limit = store.maxFileBytes * 2 + 64 * 1024;
  let bytes: Uint8Array;
  try {
    bytes = await readBodyLimited(req, limit);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      throw new GradioHttpError(413, tooLarge(store.maxFileBytes));
    }
    throw err;
  }
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, {
      headers: { "content-type": type },
    }).formData();
  } catch {
    throw new GradioHttpError(400, "The multipart body could not be parsed.");
  }
  const files = form.getAll("files").filter((f): f is File =>
    f instanceof File
  );
  if (!files.length) {
    throw new GradioHttpError(400, "No file in the field `files`.");
  }
  if (files.length > MAX_FILES_PER_UPLOAD) {
    throw new GradioHttpError(
      413,
      `At most ${MAX_FILES_PER_UPLOAD} files per upload request.`,
    );
  }
  const ids: string[] = [];
  for (const f of files) {
    if (f.size > store.maxFileBytes) {
      throw new GradioHttpError(413, tooLarge(store.maxFileBytes));
    }
    const data = new Uint8Array(await f.arrayBuffer());
    try {
      ids.push(store.put(data, f.name || "file", sniffMime(data, f.type)).id);
    } catch (err) {
      if (err instanceof FileTooLargeError) {
        throw new GradioHttpError(413, err.message);
      }
      throw err;
    }
  }
  return json(ids);
}

function tooLarge(limit: number): string {
  return `File exceeds the maximum allowed size of ${
    Math.round(limit / 1048576 * 10) / 10
  } MB.`;
}

/**
 * @module
 * Parses a segmentation upload: multipart with a file field `image`, or raw
 * image bytes with an `image/*` Content-Type; `share=1` as query or form field.
 */
import { SUPPORTED_TYPES } from "../lib/image/sniff.ts";
import { readBodyLimited } from "./body.ts";
import { ApiError } from "./errors.ts";

/** A parsed upload. */
export interface SegmentUpload {
  bytes: Uint8Array;
  share: boolean;
}

const truthy = (v: string | null | undefined) =>
  v != null && /^(1|true|yes|on)$/i.test(v);

/**
 * Reads and validates the request; throws {@link ApiError} for a missing
 * image or a Content-Type we do not take.
 */
export async function parseSegmentRequest(
  req: Request,
  maxBytes: number,
): Promise<SegmentUpload> {
  const rawType = req.headers.get("content-type") ?? "";
  const type = rawType.toLowerCase(); // for matching only: the multipart boundary is case-sensitive
  let share = truthy(new URL(req.url).searchParams.get("share"));
  if (type.startsWith("multipart/form-data")) {
    const body = await readBodyLimited(req, maxBytes);
    let form: FormData;
    try {
      form = await new Response(body as BodyInit, {
        headers: { "content-type": rawType },
      }).formData();
    } catch {
      throw new ApiError(
        400,
        "bad_request",
        'The form upload could not be read. Send the photo in a multipart field named "image".',
      );
    }
    const file = form.get("image");
    share ||= truthy(form.get("share") as string | null);
    if (!(file instanceof File)) {
      throw new ApiError(
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
    return { bytes: await readBodyLimited(req, maxBytes), share };
  }
  await req.body?.cancel().catch(() => {});
  if (!rawType && (!req.body || req.headers.get("content-length") === "0")) {
    throw new ApiError(
      400,
      "missing_image",
      'No photo was sent. Send it in a multipart file field named "image", or as the raw body with an image Content-Type.',
    );
  }
  throw new ApiError(
    415,
    "unsupported_media_type",
    `Send the photo as multipart/form-data (field "image") or as raw bytes with an image Content-Type. Supported formats: ${
      SUPPORTED_TYPES.join(", ")
    }.`,
  );
}

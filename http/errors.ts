/**
 * @module
 * One place that turns domain errors into JSON error responses:
 * `{"error": {"code": "<snake_case>", "message": "<sentence>"}}`.
 */
import { ImageError, type ImageErrorCode } from "../lib/image/errors.ts";
import {
  InferenceTimeoutError,
  ModelUnavailableError,
  OverloadedError,
} from "../lib/model/segmenter.ts";
import {
  ShareExpiredError,
  ShareNotFoundError,
  ShareUnavailableError,
} from "../lib/share/store.ts";
import { ShareForbiddenError } from "../lib/share/shares.ts";
import { BodyTooLargeError } from "./body.ts";
import {
  BlocksBusyError,
  BlocksError,
  BlocksInputError,
  BlocksTimeoutError,
} from "../lib/blocks/types.ts";
import { FileTooLargeError } from "../lib/blocks/files.ts";

/** An error with an HTTP status and a machine-readable code, for API answers. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const IMAGE_STATUS: Record<ImageErrorCode, number> = {
  empty_image: 400,
  corrupt_image: 400,
  unsupported_type: 415,
  too_many_pixels: 422,
  too_small: 422,
};

/**
 * Maps any thrown value to an {@link ApiError}; unknown errors become a bare 500
 * (logged, never shown).
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ImageError) {
    return new ApiError(IMAGE_STATUS[err.code], err.code, err.message);
  }
  if (err instanceof BodyTooLargeError) {
    return new ApiError(413, "payload_too_large", err.message);
  }
  if (err instanceof OverloadedError) {
    return new ApiError(503, "overloaded", err.message, {
      "Retry-After": String(err.retryAfterSeconds),
    });
  }
  if (err instanceof InferenceTimeoutError) {
    return new ApiError(503, "inference_timeout", err.message, {
      "Retry-After": "5",
    });
  }
  if (err instanceof ModelUnavailableError) {
    return new ApiError(503, "model_unavailable", err.message, {
      "Retry-After": "10",
    });
  }
  if (err instanceof ShareNotFoundError) {
    return new ApiError(404, "share_not_found", err.message);
  }
  if (err instanceof ShareExpiredError) {
    return new ApiError(410, "share_expired", err.message);
  }
  if (err instanceof ShareForbiddenError) {
    return new ApiError(403, "forbidden", err.message);
  }
  if (err instanceof ShareUnavailableError) {
    return new ApiError(503, "share_unavailable", err.message, {
      "Retry-After": "30",
    });
  }
  if (err instanceof BlocksInputError) {
    return new ApiError(422, "invalid_input", err.message);
  }
  if (err instanceof BlocksError) {
    return new ApiError(400, "app_error", err.message);
  }
  if (err instanceof FileTooLargeError) {
    return new ApiError(413, "payload_too_large", err.message);
  }
  if (err instanceof BlocksBusyError) {
    return new ApiError(503, "busy", err.message, { "Retry-After": "5" });
  }
  if (err instanceof BlocksTimeoutError) {
    return new ApiError(504, "time_limit", err.message);
  }
  console.error("Unexpected error:", err);
  return new ApiError(
    500,
    "internal_error",
    "Something went wrong on our side. Please try again.",
  );
}

/**
 * Renders an error as the API's JSON error body.
 *
 * @example
 * ```ts
 * errorResponse(new ApiError(400, "missing_image", "Attach a photo.")).status; // 400
 * ```
 */
export function errorResponse(err: unknown): Response {
  const e = toApiError(err);
  return Response.json(
    { error: { code: e.code, message: e.message } },
    {
      status: e.status,
      headers: { "Cache-Control": "no-store", ...e.headers },
    },
  );
}

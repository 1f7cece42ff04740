/**
 * @module
 * The one error table. Every error a user may be shown extends
 * {@link UserFacingError}: it carries the HTTP status it maps to, a stable
 * snake_case `code`, a sentence for people, and optionally when to retry.
 * The three answer formats (JSON `{error}`, Gradio's `{detail}`, HTML pages)
 * only render what {@link toUserFacing} returns; anything else is a bug,
 * logged and shown as a generic 500.
 *
 * @example
 * ```ts
 * export class ShareNotFoundError extends UserFacingError {
 *   constructor() { super(404, "share_not_found", "This share link does not exist."); }
 * }
 * toUserFacing(new ShareNotFoundError()).status; // 404
 * toUserFacing(new TypeError("x")).code;          // "internal_error"
 * ```
 */

/** An error whose message is meant for the user, with its HTTP mapping. */
export class UserFacingError extends Error {
  override name = "UserFacingError";
  /** Extra response headers this error needs (e.g. `Allow` on a 405). */
  headers: Record<string, string> = {};
  constructor(
    /** HTTP status this error answers with. */
    readonly status: number,
    /** Stable machine-readable code, e.g. `"too_many_pixels"`. */
    readonly code: string,
    message: string,
    /** Seconds after which retrying may succeed (sent as `Retry-After`). */
    readonly retryAfterS?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A generic reason phrase per status, for errors without a message of their own. */
const GENERIC: Record<number, [string, string]> = {
  400: ["bad_request", "The request could not be understood."],
  401: ["unauthorized", "Please authenticate first."],
  403: ["forbidden", "This is not allowed."],
  404: ["not_found", "There is nothing at this address."],
  405: ["method_not_allowed", "This method is not allowed here."],
  410: ["gone", "This is no longer available."],
  413: ["payload_too_large", "The request is too large."],
  415: ["unsupported_media_type", "This content type is not supported."],
  422: ["invalid_input", "The request was understood but cannot be processed."],
  429: ["rate_limited", "Too many requests. Please wait a moment."],
  503: ["unavailable", "The service is busy. Please try again shortly."],
};

/**
 * The user-facing form of any thrown value: itself for a
 * {@link UserFacingError}; for an error with a numeric `status` (the
 * framework's `HttpError`) a generic one of that status; otherwise a logged
 * 500 whose details are never shown.
 */
export function toUserFacing(err: unknown): UserFacingError {
  if (err instanceof UserFacingError) return err;
  const status = (err as { status?: unknown })?.status;
  if (
    err instanceof Error && typeof status === "number" && status >= 400 &&
    status < 600
  ) {
    const [code, text] = GENERIC[status] ??
      (status >= 500
        ? ["internal_error", "Something went wrong on our side."]
        : ["bad_request", "The request could not be handled."]);
    if (status >= 500) console.error(err);
    return new UserFacingError(status, code, err.message || text);
  }
  console.error("Unexpected error:", err);
  return new UserFacingError(
    500,
    "internal_error",
    "Something went wrong on our side. Please try again.",
  );
}

/** Too many requests from one client; retry after `retryAfterS` seconds. */
export class RateLimitedError extends UserFacingError {
  override name = "RateLimitedError";
  constructor(retryAfterS: number, what = "requests") {
    super(
      429,
      "rate_limited",
      `Too many ${what} from your address. Try again in ${retryAfterS} seconds.`,
      retryAfterS,
    );
  }
}

/** A shared quota (storage, shares) is used up for now. */
export class QuotaExceededError extends UserFacingError {
  override name = "QuotaExceededError";
  constructor(message: string, retryAfterS: number) {
    super(503, "quota_exceeded", message, retryAfterS);
  }
}

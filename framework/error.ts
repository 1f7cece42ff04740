const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * The standard reason phrase of an HTTP status, e.g. `"Not Found"`.
 *
 * @example
 * ```ts
 * statusText(405); // "Method Not Allowed"
 * ```
 */
export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? `HTTP ${status}`;
}

/**
 * An error carrying an HTTP status. Throw it from a handler or middleware;
 * the app answers with that status (and renders the nearest `_error` page).
 * As in Fresh, `message` is empty when none is given; the default error
 * handler then answers with the status text.
 *
 * @example
 * ```ts
 * import { HttpError } from "fresh";
 * throw new HttpError(404, "Nothing here");
 * ```
 */
export class HttpError extends Error {
  /** The HTTP status code, e.g. `404`. */
  status: number;

  /**
   * @param status HTTP status code (4xx or 5xx).
   * @param message Optional message; empty by default (as in Fresh).
   * @param options Standard error options such as `cause`.
   */
  constructor(status: number, message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = this.constructor.name;
    this.status = status;
  }
}

/**
 * @module
 * Share-store errors as page errors (404, 410, 503) for the share routes.
 */
import { HttpError } from "fresh";
import {
  ShareExpiredError,
  ShareNotFoundError,
  ShareUnavailableError,
} from "../lib/share/store.ts";

/** Maps a share-store error to an `HttpError` that `_error.tsx` renders. */
export function shareHttpError(err: unknown): unknown {
  if (err instanceof ShareNotFoundError) return new HttpError(404, err.message);
  if (err instanceof ShareExpiredError) return new HttpError(410, err.message);
  if (err instanceof ShareUnavailableError) {
    return new HttpError(503, err.message);
  }
  return err;
}

/**
 * @module
 * Request bodies and parameters Gradio clients send: predict (`/queue/join`,
 * `/run`, `/call`), cancel, and the `session_hash` of `/queue/data`.
 */
import { isRecord } from "./json.ts";

/** A parsed `POST /queue/join` or `/run/{name}` body. */
export interface PredictRequest {
  data: unknown[];
  fnIndex?: number;
  sessionHash?: string;
  eventData?: unknown;
  triggerId?: number | null;
}

/** The request body is not what Gradio clients send. */
export class WireFormatError extends Error {
  override name = "WireFormatError";
}

/**
 * Validates a predict body (`{data, fn_index, session_hash, event_data, trigger_id}`).
 * Throws {@link WireFormatError} on a malformed one.
 */
export function parsePredictBody(json: unknown): PredictRequest {
  if (!isRecord(json)) {
    throw new WireFormatError("The request body must be a JSON object.");
  }
  const { data, fn_index, session_hash, event_data, trigger_id } = json;
  if (!Array.isArray(data)) {
    throw new WireFormatError("`data` must be an array of input values.");
  }
  if (
    fn_index !== undefined && fn_index !== null && !Number.isInteger(fn_index)
  ) {
    throw new WireFormatError("`fn_index` must be an integer.");
  }
  if (session_hash !== undefined && session_hash !== null) {
    if (
      typeof session_hash !== "string" || !/^[\w.-]{1,128}$/.test(session_hash)
    ) {
      throw new WireFormatError(
        "`session_hash` must be 1–128 letters, digits, '-', '_' or '.'.",
      );
    }
  }
  return {
    data,
    fnIndex: typeof fn_index === "number" ? fn_index : undefined,
    sessionHash: typeof session_hash === "string" ? session_hash : undefined,
    eventData: event_data,
    triggerId: typeof trigger_id === "number" ? trigger_id : null,
  };
}

/** A parsed `POST /cancel` body. */
export interface CancelRequest {
  eventId?: string;
  sessionHash?: string;
}

/** Reads `{event_id, session_hash, fn_index}` leniently (unknown fields ignored). */
export function parseCancelBody(json: unknown): CancelRequest {
  if (!isRecord(json)) return {};
  return {
    eventId: typeof json.event_id === "string" ? json.event_id : undefined,
    sessionHash: typeof json.session_hash === "string"
      ? json.session_hash
      : undefined,
  };
}

/** The session a `GET /queue/data` request reads (`?session_hash=`). */
export function sessionHashParam(url: URL): string | null {
  return url.searchParams.get("session_hash");
}

/**
 * @module
 * The `sse_v3` messages on `/queue/data`, and readers for code that must not
 * touch their snake_case fields.
 */
/** One message on `/queue/data` (always a JSON object with `msg`). */
export type EventMessage = Record<string, unknown> & {
  msg: string;
  event_id?: string;
};

/** Position in the queue (0-based rank) and the ETA in seconds. */
export function estimationMessage(
  eventId: string,
  e: { rank: number; queueSize: number; rankEtaS: number | null },
): EventMessage {
  return {
    msg: "estimation",
    event_id: eventId,
    rank: e.rank,
    queue_size: e.queueSize,
    rank_eta: e.rankEtaS,
    success: true,
  };
}

/** The event left the queue and its function started. */
export function processStartsMessage(
  eventId: string,
  etaS: number | null,
): EventMessage {
  return { msg: "process_starts", event_id: eventId, eta: etaS, success: true };
}

/** Progress reported by the running function (`gr.Progress`). */
export function progressMessage(
  eventId: string,
  fraction: number,
  desc?: string,
): EventMessage {
  return {
    msg: "progress",
    event_id: eventId,
    progress_data: [{
      index: null,
      length: null,
      unit: "steps",
      progress: fraction,
      desc: desc ?? null,
    }],
    success: true,
  };
}

/** A finished event: outputs, or the error shown to the user. */
export type Outcome =
  | { data: unknown[]; durationS: number; averageDurationS: number | null }
  | { error: string; title?: string };

/** `process_completed` with `output.data` on success, `output.error` on failure. */
export function processCompletedMessage(
  eventId: string,
  o: Outcome,
): EventMessage {
  if ("error" in o) {
    return {
      msg: "process_completed",
      event_id: eventId,
      output: {
        error: o.error,
        title: o.title ?? "Error",
        visible: true,
        duration: null,
      },
      success: false,
    };
  }
  return {
    msg: "process_completed",
    event_id: eventId,
    output: {
      data: o.data,
      is_generating: false,
      duration: o.durationS,
      average_duration: o.averageDurationS,
      render_config: null,
      changed_state_ids: [],
    },
    success: true,
  };
}

/** Keep-alive, sent as a `data:` line (the Python client rejects `:` comments). */
export function heartbeatMessage(): EventMessage {
  return { msg: "heartbeat" };
}

/** sse_v3: the session has no pending events left; the client closes the stream. */
export function closeStreamMessage(): EventMessage {
  return { msg: "close_stream" };
}

/** Something went wrong outside an event (e.g. an unknown session). */
export function unexpectedErrorMessage(
  message: string,
  sessionNotFound = false,
): EventMessage {
  return {
    msg: "unexpected_error",
    message,
    session_not_found: sessionNotFound,
    success: false,
  };
}

/** Which kind of message this is, for code that must not read snake_case fields. */
export function messageKind(m: EventMessage): string {
  return m.msg;
}

/** The event a message belongs to (heartbeats and `close_stream` have none). */
export function messageEventId(m: EventMessage): string | undefined {
  return typeof m.event_id === "string" ? m.event_id : undefined;
}

/** The outputs of a successful `process_completed`, else undefined. */
export function completedData(m: EventMessage): unknown[] | undefined {
  if (m.msg !== "process_completed" || m.success !== true) return undefined;
  const out = m.output as { data?: unknown[] } | undefined;
  return out?.data;
}

/** The error text of a failed `process_completed`, else undefined. */
export function completedError(m: EventMessage): string | undefined {
  if (m.msg !== "process_completed" || m.success !== false) return undefined;
  const out = m.output as { error?: string } | undefined;
  return out?.error ?? "Error";
}

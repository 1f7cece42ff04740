/**
 * @module
 * JSON answers of the plain HTTP routes (errors, `queue_full`, event ids,
 * `/run` results), in FastAPI's and Gradio's shapes.
 */
/** JSON error body in FastAPI's shape: `{"detail": "..."}`. */
export function detailBody(
  detail: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { detail, ...extra };
}

/** `503` body when the queue is full (Gradio: detail "Queue is full.", msg `queue_full`). */
export function queueFullBody(): Record<string, unknown> {
  return {
    detail: "Queue is full.",
    msg: "queue_full",
    error: "Queue is full. Please try again later.",
  };
}

/** `POST /queue/join` and `POST /call/{name}` answer. */
export function eventIdBody(eventId: string): Record<string, unknown> {
  return { event_id: eventId };
}

/** `GET /app_id` body. */
export function appIdBody(appId: number): Record<string, unknown> {
  return { app_id: appId };
}

/** `/reset` and `/cancel` body. */
export function successBody(): Record<string, unknown> {
  return { success: true };
}

/** `POST /run/{name}` failure body (`{"error": ...}`, as Gradio's `error_payload`). */
export function runErrorBody(
  message: string,
  title = "Error",
): Record<string, unknown> {
  return { error: message, title, visible: true };
}

/** `POST /run/{name}` success body. */
export function runResultBody(
  data: unknown[],
  durationS: number,
  averageDurationS: number | null,
) {
  return {
    data,
    is_generating: false,
    duration: durationS,
    average_duration: averageDurationS,
    render_config: null,
    changed_state_ids: [],
  };
}

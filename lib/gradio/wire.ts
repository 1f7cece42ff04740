/**
 * @module
 * Gradio's wire shapes (protocol `sse_v3`, Gradio 5 layout with
 * `api_prefix: "/gradio_api"`), and the only place their snake_case field
 * names appear. Everything else in the adapter works with the camelCase
 * models and converts here, at the boundary.
 *
 * @example
 * ```ts
 * import { parsePredictBody, processCompletedMessage } from "./wire.ts";
 * const body = parsePredictBody({ data: ["Linh"], fn_index: 0, session_hash: "abc" });
 * body.sessionHash; // "abc"
 * processCompletedMessage("ev1", { data: ["Hello, Linh"], durationS: 0.01, averageDurationS: 0.01 });
 * // { msg: "process_completed", event_id: "ev1", success: true, output: { data: [...], ... } }
 * ```
 */
export * from "./wire/json.ts";
export * from "./wire/files.ts";
export * from "./wire/requests.ts";
export * from "./wire/messages.ts";
export * from "./wire/bodies.ts";
export * from "./wire/config_wire.ts";
export * from "./wire/api_info.ts";

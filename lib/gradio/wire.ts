/**
 * @module
 * Gradio's wire shapes (protocol `sse_v3`, Gradio 5 layout with
 * `api_prefix: "/gradio_api"`), and the only place their snake_case field
 * names appear. Everything else in the adapter works with the camelCase
 * models below and converts here, at the boundary.
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
import type { FileRef } from "../blocks/types.ts";

// ---------------------------------------------------------------- files

/** Gradio's `FileData` (gradio/data_classes.py) as JSON. */
export interface FileDataWire {
  path: string;
  url?: string | null;
  size?: number | null;
  orig_name?: string | null;
  mime_type?: string | null;
  is_stream?: boolean;
  meta?: { _type: "gradio.FileData" };
}

/** The marker Gradio puts in `meta._type`. */
export const FILE_DATA_TYPE = "gradio.FileData";

/** Whether `v` carries Gradio's FileData marker. */
export function hasFileDataMeta(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const meta = v.meta;
  return isRecord(meta) && meta._type === FILE_DATA_TYPE;
}

/** The client-given parts of a FileData: what we may trust after validating `path`. */
export interface FileDataInput {
  path: unknown;
  url: unknown;
  origName?: string;
}

/** Reads the interesting fields of a FileData-like object. */
export function readFileData(v: Record<string, unknown>): FileDataInput {
  return {
    path: v.path,
    url: v.url,
    origName: typeof v.orig_name === "string" ? v.orig_name : undefined,
  };
}

/**
 * A kit {@link FileRef} as Gradio's FileData, with `url` pointing at the
 * app's `file=` route.
 */
export function fileRefToWire(ref: FileRef, url: string): FileDataWire {
  return {
    path: ref.path,
    url,
    size: ref.size ?? null,
    orig_name: ref.origName ?? null,
    mime_type: ref.mimeType ?? null,
    is_stream: false,
    meta: { _type: FILE_DATA_TYPE },
  };
}

/** A FileData naming a file by path only (docs examples). */
export function fileDataExample(path: string): FileDataWire {
  return { path, meta: { _type: FILE_DATA_TYPE } };
}

/** The session a `GET /queue/data` request reads (`?session_hash=`). */
export function sessionHashParam(url: URL): string | null {
  return url.searchParams.get("session_hash");
}

/** The JSON schema Gradio's `/info` gives for a FileData value. */
export function fileDataSchema(title = "FileData"): Record<string, unknown> {
  return {
    additionalProperties: false,
    description:
      "For input, either path or url must be provided. For output, path is always provided.",
    properties: {
      path: { title: "Path", type: "string" },
      url: {
        anyOf: [{ type: "string" }, { type: "null" }],
        default: null,
        title: "Url",
      },
      size: {
        anyOf: [{ type: "integer" }, { type: "null" }],
        default: null,
        title: "Size",
      },
      orig_name: {
        anyOf: [{ type: "string" }, { type: "null" }],
        default: null,
        title: "Orig Name",
      },
      mime_type: {
        anyOf: [{ type: "string" }, { type: "null" }],
        default: null,
        title: "Mime Type",
      },
      is_stream: { default: false, title: "Is Stream", type: "boolean" },
      meta: {
        default: { _type: FILE_DATA_TYPE },
        title: "Meta",
        type: "object",
      },
    },
    required: ["path"],
    title,
    type: "object",
  };
}

// ---------------------------------------------------------------- requests

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

// ---------------------------------------------------------------- SSE messages

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

// ---------------------------------------------------------------- HTTP answers

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

// ---------------------------------------------------------------- config

/** A component as the adapter describes it (camelCase). */
export interface ComponentModel {
  id: number;
  type: string;
  props: Record<string, unknown>;
  skipApi: boolean;
  apiInfo?: Record<string, unknown>;
  exampleInputs?: unknown;
}

/** A dependency (event listener) as the adapter describes it. */
export interface DependencyModel {
  id: number;
  targets: [number, string][];
  inputs: number[];
  outputs: number[];
  apiName: string | null;
  queue: boolean;
  showApi: boolean;
  visibility: "public" | "undocumented" | "private";
  description?: string;
  timeLimitS: number | null;
  concurrencyLimit: number;
}

/** A layout node: ids only. */
export interface LayoutModel {
  id: number;
  children?: LayoutModel[];
}

/** The whole app description served at `{P}/config`. */
export interface ConfigModel {
  version: string;
  mode: "blocks" | "interface";
  title: string;
  description?: string;
  root: string;
  apiPrefix: string;
  components: ComponentModel[];
  dependencies: DependencyModel[];
  layout: LayoutModel;
  maxFileSize: number;
  appId: number;
}

/** The `/config` JSON. */
export function configToWire(c: ConfigModel): Record<string, unknown> {
  const componentIds = c.components.map((x) => x.id);
  const dependencyIds = c.dependencies.map((d) => d.id);
  return {
    version: c.version,
    mode: c.mode,
    app_id: c.appId,
    dev_mode: false,
    analytics_enabled: false,
    components: c.components.map((x) => ({
      id: x.id,
      type: x.type,
      props: { ...x.props, name: x.type },
      skip_api: x.skipApi,
      component_class_id: x.type,
      key: null,
      ...(x.apiInfo ? { api_info: x.apiInfo } : {}),
      ...(x.exampleInputs !== undefined
        ? { example_inputs: x.exampleInputs }
        : {}),
    })),
    css: null,
    connect_heartbeat: false,
    js: null,
    head: null,
    title: c.title,
    space_id: null,
    enable_queue: true,
    show_error: true,
    show_api: true,
    is_colab: false,
    max_file_size: c.maxFileSize,
    stylesheets: [],
    theme: "default",
    protocol: "sse_v3",
    body_css: {},
    fill_height: false,
    fill_width: false,
    theme_hash: null,
    layout: c.layout,
    dependencies: c.dependencies.map((d) => ({
      id: d.id,
      targets: d.targets,
      inputs: d.inputs,
      outputs: d.outputs,
      backend_fn: true,
      js: null,
      queue: d.queue,
      api_name: d.apiName,
      api_description: d.description ?? null,
      scroll_to_output: false,
      show_progress: "full",
      batch: false,
      max_batch_size: 4,
      cancels: [],
      types: { generator: false, cancel: false },
      collects_event_data: false,
      trigger_after: null,
      trigger_only_on_success: false,
      trigger_mode: "once",
      show_api: d.showApi,
      api_visibility: d.visibility,
      zerogpu: false,
      rendered_in: null,
      connection: "sse",
      time_limit: d.timeLimitS,
      stream_every: 0.5,
      like_user_message: false,
      event_specific_args: null,
      concurrency_limit: d.concurrencyLimit,
    })),
    root: c.root,
    api_prefix: c.apiPrefix,
    username: null,
    auth_required: false,
    current_page: "",
    page: {
      "": {
        components: componentIds,
        dependencies: dependencyIds,
        layout: c.layout,
      },
    },
    pages: [["", "Home"]],
  };
}

// ---------------------------------------------------------------- /info

/** One parameter or return value of an endpoint. */
export interface ApiValueModel {
  label: string;
  /** Parameter name (inputs only). */
  name?: string;
  hasDefault?: boolean;
  defaultValue?: unknown;
  schema: Record<string, unknown>;
  pythonType: string;
  pythonDescription: string;
  /** Gradio class name: "Textbox", "Image"… */
  component: string;
  example?: unknown;
}

/** One endpoint of `/info`. */
export interface EndpointModel {
  parameters: ApiValueModel[];
  returns: ApiValueModel[];
  visibility: "public" | "undocumented";
  description?: string;
}

/** The `/info` JSON: `{named_endpoints, unnamed_endpoints}`. */
export function apiInfoToWire(
  endpoints: Map<string, EndpointModel>,
): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const [name, e] of endpoints) {
    named[`/${name}`] = {
      parameters: e.parameters.map((p) => ({
        label: p.label,
        parameter_name: p.name,
        parameter_has_default: p.hasDefault ?? false,
        parameter_default: p.hasDefault ? p.defaultValue ?? null : null,
        type: p.schema,
        python_type: { type: p.pythonType, description: p.pythonDescription },
        component: p.component,
        example_input: p.example ?? null,
      })),
      returns: e.returns.map((r) => ({
        label: r.label,
        type: r.schema,
        python_type: { type: r.pythonType, description: r.pythonDescription },
        component: r.component,
      })),
      show_api: e.visibility === "public",
      api_visibility: e.visibility,
      description: e.description ?? "",
    };
  }
  return { named_endpoints: named, unnamed_endpoints: {} };
}

/** Whether `v` is a plain JSON object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

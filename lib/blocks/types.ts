/**
 * @module
 * The contract every Blocks component fulfils (modelled on Gradio's component
 * classes): JSON-safe props for the page and the config, conversions between
 * wire values and function arguments, and a JSON schema for the API docs.
 */
import type { FileAccess } from "../files/file_store.ts";
import { UserFacingError } from "../errors.ts";

/** A JSON schema fragment describing a wire value (for API docs and Gradio's /info). */
export type JsonSchema = Record<string, unknown>;

/** What a component's conversions may use while handling one call. */
export interface RunContext {
  /** The app's upload/output store: the only place files are read from or written to. */
  files: FileAccess;
  /** Aborted when the caller goes away or the time limit passes. */
  signal?: AbortSignal;
  /** Reports progress (0..1) of the running function, e.g. to Gradio clients. */
  progress?: (fraction: number, description?: string) => void;
  /** Public URL of a stored file id (e.g. `/demos/x/file/<id>`); sets `FileRef.url` on outputs. */
  fileUrl?: (id: string) => string;
}

/** A reference to a file held in an app's file store, as it crosses the kit's JSON API. */
export interface FileRef {
  /** Opaque id issued by the store (never a filesystem path). */
  path: string;
  /** URL where the file can be fetched from this server. */
  url?: string;
  size?: number;
  origName?: string;
  mimeType?: string;
}

/** Events a component can trigger. */
export type EventName =
  | "click"
  | "change"
  | "input"
  | "submit"
  | "upload"
  | "clear"
  | "select"
  | "release";

/**
 * One component of a Blocks app, server side (no Preact here).
 *
 * `TWire` is the JSON value on the wire; `TArg` is what the bound function gets
 * (and returns, for outputs).
 */
export interface ComponentSpec<TWire = unknown, TArg = unknown> {
  /** Lower-case kind, as in Gradio's config and `data-component`: "textbox", "slider", "row"… */
  readonly type: string;
  /**
   * The kit's widget when it differs from `type` (Gradio templates):
   * `"textarea"` (a textbox), `"microphone"` (an audio), `"examples"` (a dataset).
   * Used for `data-component`; defaults to `type`.
   */
  readonly kind?: string;
  /** JSON-safe props: label, value, choices… (goes into the config and to islands). */
  readonly props: Record<string, unknown>;
  /** Whether it takes input from the user. Outputs-only components are `false`. */
  readonly interactive: boolean;
  /** Wire value → function argument; throws `BlocksInputError` on a bad value. */
  preprocess(wire: TWire, ctx: RunContext): TArg | Promise<TArg>;
  /** Function result → wire value. */
  postprocess(value: TArg, ctx: RunContext): TWire | Promise<TWire>;
  /** JSON schema of the wire value. */
  apiInfo(): JsonSchema;
  /** A valid wire value, for docs and conformance tests. */
  examplePayload(): TWire;
}

/** A bad input value from a client: a 422 with this message. */
export class BlocksInputError extends UserFacingError {
  override name = "BlocksInputError";
  constructor(message: string) {
    super(422, "invalid_input", message);
  }
}

/** An error the app's function raises on purpose, shown to the user as-is (like `gr.Error`). */
export class BlocksError extends UserFacingError {
  override name = "BlocksError";
  constructor(message: string) {
    super(400, "app_error", message);
  }
}

/**
 * @module
 * Types shared by the kit's widgets, islands and page renderer (client-safe).
 */
import type { Signal } from "@preact/signals";

/** A call in flight or its last error, per event binding. */
export interface Status {
  pending: boolean;
  error: string | null;
}

/** One event binding as the browser sees it: where to post, which signals to read and write. */
export interface ClientDep {
  /** `POST` URL, e.g. `/demos/blocks/api/greet`. */
  api: string;
  inputs: Signal<unknown>[];
  outputs: Signal<unknown>[];
  status: Signal<Status>;
}

/** Event name → bindings, for the component that triggers them. */
export type ClientEvents = Partial<Record<string, ClientDep[]>>;

/** A file reference on the wire (see lib/blocks/types.ts FileRef). */
export interface WireFile {
  path: string;
  url?: string;
  size?: number;
  origName?: string;
  mimeType?: string;
}

/** Props every widget gets (server render and islands alike). */
export interface WidgetProps<V = unknown> {
  /** DOM id base, unique in the page (e.g. `c3`). */
  id: string;
  /** Kit kind: "textbox", "textarea", "slider", "microphone"… */
  kind: string;
  /** The component's JSON props (label, choices, minimum…). */
  props: Record<string, unknown>;
  /** Current wire value. */
  value: V;
  /** Editable by the user. */
  interactive: boolean;
  /** The app's path (`""` or `/demos/x`), for uploads. */
  root: string;
  /** A call writing to this component is running. */
  busy?: boolean;
  /** Error to show at this component (from events it triggers). */
  error?: string | null;
  /** Set once the island has hydrated. */
  hydrated?: boolean;
  /** New value from the user. */
  onChange?: (value: V) => void;
  /** A named event (click, submit, release, upload…). */
  onEvent?: (event: string) => void;
  /** For Clear buttons and Examples: set other components' values. */
  targets?: Signal<unknown>[];
  /** Initial values of `targets` (Clear). */
  initial?: unknown[];
}

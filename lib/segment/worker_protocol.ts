/**
 * @module
 * Messages between the server's main thread and the inference worker.
 */
import type { SegmentOptions } from "./segment.ts";
import type { ShareableOptions } from "./shareable.ts";
import type { ModelManifest } from "../model/manifest.ts";

/** Main thread → worker. */
export type ToWorker =
  | { type: "init"; modelDir: string; threads: number }
  | { type: "segment"; id: number; bytes: Uint8Array; opts: SegmentOptions }
  | {
    type: "shareable";
    id: number;
    photo: Uint8Array;
    mask: Uint8Array;
    opts: ShareableOptions;
  };

/** An error crossing the worker boundary (class identity is lost, so keep its name and code). */
export interface WireError {
  name: string;
  code?: string;
  message: string;
}

/** Worker → main thread (`result` is a `SegmentResult` or a `ShareableResult`). */
export type FromWorker =
  | { type: "ready"; manifest: ModelManifest }
  | { type: "fatal"; error: WireError }
  | { type: "result"; id: number; result: unknown }
  | { type: "error"; id: number; error: WireError };

/**
 * @module
 * Messages between the server's main thread and the inference worker.
 */
import type { SegmentOptions, SegmentResult } from "../segment/segment.ts";
import type { ModelManifest } from "./manifest.ts";

/** Main thread → worker. */
export type ToWorker =
  | { type: "init"; modelDir: string; threads: number }
  | { type: "segment"; id: number; bytes: Uint8Array; opts: SegmentOptions };

/** An error crossing the worker boundary (class identity is lost, so keep its name and code). */
export interface WireError {
  name: string;
  code?: string;
  message: string;
}

/** Worker → main thread. */
export type FromWorker =
  | { type: "ready"; manifest: ModelManifest }
  | { type: "fatal"; error: WireError }
  | { type: "result"; id: number; result: SegmentResult }
  | { type: "error"; id: number; error: WireError };

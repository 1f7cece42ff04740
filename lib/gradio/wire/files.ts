/**
 * @module
 * Gradio's `FileData`: the marker, reading a client's, writing ours, and its
 * `/info` schema.
 */
import type { FileRef } from "../../blocks/types.ts";
import { isRecord } from "./json.ts";

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

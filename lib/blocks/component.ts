/**
 * @module
 * Shared pieces of the component specs: the options every component takes
 * (label, visible, interactive…), and the conversions between store-backed
 * {@link FileRef}s on the wire and {@link FileValue}s in functions.
 */
import { decodeBase64 } from "../base64.ts";
import {
  BlocksInputError,
  type FileRef,
  type JsonSchema,
  type RunContext,
} from "./types.ts";
import { sniffMime } from "../files/mime.ts";
import { FileTooLargeError, type StoredFile } from "../files/file_store.ts";

/** Options every component accepts (Gradio's cross-cutting ones, camelCase). */
export interface CommonOptions {
  /** Shown above the widget; also its accessible name. */
  label?: string;
  /** Hide the label visually (it stays the accessible name). */
  showLabel?: boolean;
  /** Help text under the label. */
  info?: string;
  /** `false` renders it hidden. */
  visible?: boolean;
  /** Force editable (`true`) or read-only (`false`); by default inputs are editable, outputs not. */
  interactive?: boolean;
  /** HTML id of the root element. */
  elemId?: string;
  /** Extra CSS classes of the root element. */
  elemClasses?: string[];
  /** Share of the width inside a row. */
  scale?: number;
  /** Minimum width in px inside a row. */
  minWidth?: number;
}

/** Gradio-named props of {@link CommonOptions}, without undefined fields. */
export function commonProps(o: CommonOptions): Record<string, unknown> {
  return clean({
    label: o.label,
    show_label: o.showLabel,
    info: o.info,
    visible: o.visible,
    interactive: o.interactive,
    elem_id: o.elemId,
    elem_classes: o.elemClasses,
    scale: o.scale,
    min_width: o.minWidth,
  });
}

/** Drops `undefined` fields (props must be JSON-safe and compact). */
export function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined),
  );
}

/** A file as a function sees it: bytes plus metadata, read from the app's store. */
export interface FileValue {
  /** The store id (what `FileRef.path` holds). */
  path: string;
  name: string;
  mimeType: string;
  size: number;
  bytes: Uint8Array;
}

/** What a function may return for a file output. */
export type FileResult =
  | Uint8Array
  | Blob
  | { bytes: Uint8Array; name?: string; mimeType?: string }
  | FileValue
  | FileRef
  | string
  | null
  | undefined;

/** JSON schema of a FileRef. */
export const FILE_REF_SCHEMA: JsonSchema = {
  type: "object",
  title: "FileRef",
  properties: {
    path: { type: "string", description: "id issued by POST {app}/upload" },
    url: { type: "string" },
    size: { type: "integer" },
    origName: { type: "string" },
    mimeType: { type: "string" },
  },
  required: ["path"],
};

/**
 * Wire → FileValue: only ids the app's store issued are accepted (or a
 * `data:` URL, which is stored first). Anything path-like is refused.
 *
 * @example
 * ```ts
 * const f = await ctx.files.put(bytes, "cat.png", "image/png");
 * (await fileFromWire({ path: f.id }, ctx))?.bytes === bytes; // true
 * await fileFromWire({ path: "/etc/passwd" }, ctx);           // throws BlocksInputError
 * ```
 */
export async function fileFromWire(
  wire: unknown,
  ctx: RunContext,
  what = "file",
): Promise<FileValue | null> {
  if (wire === null || wire === undefined || wire === "") return null;
  if (typeof wire === "string" && wire.startsWith("data:")) {
    return fileFromDataUrl(wire, ctx, what);
  }
  const id = typeof wire === "string"
    ? wire
    : typeof wire === "object" && typeof (wire as FileRef).path === "string"
    ? (wire as FileRef).path
    : undefined;
  if (id === undefined) {
    throw new BlocksInputError(
      `Expected a ${what} reference like {"path": "<id from /upload>"}.`,
    );
  }
  const f = await ctx.files.get(id);
  if (!f) {
    throw new BlocksInputError(
      `Unknown ${what}: upload it first (ids expire after a while).`,
    );
  }
  return {
    path: f.id,
    name: f.name,
    mimeType: f.mimeType,
    size: f.size,
    bytes: f.bytes,
  };
}

async function fileFromDataUrl(
  url: string,
  ctx: RunContext,
  what: string,
): Promise<FileValue> {
  const m = url.match(/^data:([\w.+/-]*)(;[\w=-]+)*?(;base64)?,(.*)$/s);
  if (!m) throw new BlocksInputError(`Malformed data URL for ${what}.`);
  // Base64 is 4/3 of the bytes; refuse before decoding.
  if (m[4].length > ctx.files.maxFileBytes * 1.4 + 16) {
    throw new FileTooLargeError(ctx.files.maxFileBytes);
  }
  let bytes: Uint8Array;
  try {
    bytes = m[3]
      ? decodeBase64(m[4])
      : new TextEncoder().encode(decodeURIComponent(m[4]));
  } catch {
    throw new BlocksInputError(`Malformed data URL for ${what}.`);
  }
  const mime = sniffMime(bytes, m[1]);
  const f = await ctx.files.put(bytes, `${what}${extensionOf(mime)}`, mime);
  return {
    path: f.id,
    name: f.name,
    mimeType: f.mimeType,
    size: bytes.length,
    bytes,
  };
}

/**
 * Function result → FileRef: bytes are stored (type sniffed from the bytes),
 * a FileValue/FileRef already in the store is reused. File paths on disk are
 * never read.
 *
 * @example
 * ```ts
 * const ref = await fileToWire(pngBytes, ctx, "result.png");
 * ref; // { path: "<id>/result.png", url: "/demos/x/file/<id>/result.png", size, origName, mimeType: "image/png" }
 * ```
 */
export async function fileToWire(
  value: FileResult,
  ctx: RunContext,
  defaultName = "file",
): Promise<FileRef | null> {
  if (value === null || value === undefined) return null;
  let bytes: Uint8Array;
  let name = defaultName;
  let hint = "";
  if (value instanceof Uint8Array) bytes = value;
  else if (value instanceof Blob) {
    bytes = new Uint8Array(await value.arrayBuffer());
    hint = value.type;
    if (value instanceof File && value.name) name = value.name;
  } else if (typeof value === "string") {
    if (value.startsWith("data:")) {
      return toRef((await fileFromWire(value, ctx))!.path, ctx);
    }
    return toRef(await existing(value, ctx), ctx);
  } else if ("bytes" in value && value.bytes instanceof Uint8Array) {
    bytes = value.bytes;
    name = value.name ?? name;
    hint = value.mimeType ?? "";
  } else if ("path" in value && typeof value.path === "string") {
    return toRef(await existing(value.path, ctx), ctx);
  } else {
    throw new Error(
      "A file output must be bytes, a Blob, {bytes, name?, mimeType?} or a stored file.",
    );
  }
  let mime = sniffMime(bytes, hint);
  if (
    mime === "application/octet-stream" &&
    /^text\/(plain|csv)$|^application\/json$/.test(hint)
  ) mime = hint;
  const f = await ctx.files.put(bytes, name, mime);
  return refOf(f, ctx);
}

async function existing(id: string, ctx: RunContext): Promise<StoredFile> {
  const f = await ctx.files.get(id);
  if (!f) {
    throw new Error(
      `A file output refers to "${
        id.slice(0, 40)
      }", which is not in the app's store.`,
    );
  }
  return f;
}

async function toRef(
  file: string | StoredFile,
  ctx: RunContext,
): Promise<FileRef> {
  const f = typeof file === "string" ? await existing(file, ctx) : file;
  return refOf(f, ctx);
}

function refOf(f: StoredFile, ctx: RunContext): FileRef {
  const ref: FileRef = {
    path: f.id,
    size: f.size,
    origName: f.name,
    mimeType: f.mimeType,
  };
  if (ctx.fileUrl) ref.url = ctx.fileUrl(f.id);
  return ref;
}

/** A file name extension for a content type (".png"), or "". */
export function extensionOf(mime: string): string {
  const ext: Record<string, string> = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "image/avif": ".avif",
    "audio/wav": ".wav",
    "audio/ogg": ".ogg",
    "audio/webm": ".webm",
    "audio/mpeg": ".mp3",
    "video/webm": ".webm",
    "video/mp4": ".mp4",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "application/json": ".json",
  };
  return ext[mime] ?? "";
}

/** Throws a {@link BlocksInputError} unless `ok`. */
export function expect(ok: boolean, message: string): asserts ok {
  if (!ok) throw new BlocksInputError(message);
}

/**
 * @module
 * FileData at the boundary. Inputs: every FileData a client sends must name a
 * file this server issued (an id of the app's file store); paths,
 * traversal, URLs and UNC names are refused with a clear error and nothing
 * is ever opened or fetched. Outputs: the kit's `FileRef`s become Gradio
 * FileData with a `url` on the app's `file=` route.
 *
 * @example
 * ```ts
 * const f = await store.put(bytes, "cat.png", "image/png");
 * await toKitInputs([{ path: f.id, meta: { _type: "gradio.FileData" } }], [true], store); // [{ path: f.id, ... }]
 * await toKitInputs([{ path: "/etc/passwd" }], [true], store); // throws FileRefusedError
 * ```
 */
import type { FileAccess, StoredFile } from "../files/file_store.ts";
import type { FileRef, JsonSchema } from "../blocks/types.ts";
import { UserFacingError } from "../errors.ts";
import {
  fileRefToWire,
  hasFileDataMeta,
  isRecord,
  readFileData,
} from "./wire.ts";

/** A client named a file this server did not issue. */
export class FileRefusedError extends UserFacingError {
  override name = "FileRefusedError";
  constructor(message: string) {
    super(422, "file_refused", message);
  }
}

/** Why a client-given file path is refused, in words (or undefined when it is an issued id). */
export function refusalReason(
  path: unknown,
  issued: StoredFile | undefined,
): string | undefined {
  if (typeof path !== "string" || path === "") {
    return "a file must be given by the `path` the upload route returned";
  }
  if (issued) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    return "URLs are not fetched by this server; upload the file to the app's upload route first";
  }
  if (path.startsWith("\\\\") || path.startsWith("//")) {
    return "network (UNC) paths are not allowed";
  }
  if (
    path.startsWith("/") || /^[a-z]:[\\/]/i.test(path) || path.startsWith("\\")
  ) {
    return "server file paths are not allowed; only files uploaded to this app can be used";
  }
  if (/(^|[\\/])\.\.([\\/]|$)/.test(safeDecode(path))) {
    return "path traversal is not allowed";
  }
  return "this file was not uploaded to this app (or it has expired); upload it again";
}

/**
 * Whether a component's JSON schema describes file values (a FileRef /
 * FileData object with a `path` property, possibly nested or in a list).
 */
export function schemaHasFiles(schema: JsonSchema | undefined): boolean {
  if (!schema || typeof schema !== "object") return false;
  const props = schema.properties;
  if (isRecord(props) && "path" in props) return true;
  for (const v of Object.values(schema)) {
    if (Array.isArray(v) && v.some((x) => isRecord(x) && schemaHasFiles(x))) {
      return true;
    }
    if (isRecord(v) && schemaHasFiles(v)) return true;
  }
  return false;
}

/**
 * Turns the wire inputs of one call into kit values: FileData objects (any
 * object marked `gradio.FileData`, and, for file components, any object
 * with `path` or `url`, or a bare string) become `FileRef`s to issued files.
 * Throws {@link FileRefusedError} for anything else.
 */
export async function toKitInputs(
  data: unknown[],
  fileInputs: boolean[],
  store: FileAccess,
): Promise<unknown[]> {
  return await Promise.all(
    data.map((v, i) => convertInput(v, fileInputs[i] ?? false, store, 0)),
  );
}

async function convertInput(
  v: unknown,
  isFileComponent: boolean,
  store: FileAccess,
  depth: number,
): Promise<unknown> {
  if (depth > 32) throw new FileRefusedError("The input is nested too deeply.");
  if (v === null || v === undefined) return v;
  if (typeof v === "string") {
    if (isFileComponent && depth === 0) {
      return await refFor(v, undefined, store);
    }
    return v;
  }
  if (Array.isArray(v)) {
    return await Promise.all(
      v.map((x) => convertInput(x, isFileComponent, store, depth + 1)),
    );
  }
  if (!isRecord(v)) return v;
  if (hasFileDataMeta(v) || (isFileComponent && ("path" in v || "url" in v))) {
    const fd = readFileData(v);
    // A URL in `url` with no issued path is never fetched (SSRF); `path` decides.
    return await refFor(fd.path ?? fd.url, fd.origName, store);
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = await convertInput(x, isFileComponent, store, depth + 1);
  }
  return out;
}

async function refFor(
  path: unknown,
  origName: string | undefined,
  store: FileAccess,
): Promise<FileRef> {
  const f = typeof path === "string" && path
    ? await store.get(path)
    : undefined;
  const reason = refusalReason(path, f);
  if (reason || !f) throw new FileRefusedError(`File refused: ${reason}.`);
  return {
    path: f.id,
    size: f.size,
    origName: origName ?? f.name,
    mimeType: f.mimeType,
  };
}

/**
 * Turns kit outputs into wire values: every kit `FileRef` (an object with
 * `path` and `mimeType`, as the kit's components return) becomes a Gradio
 * FileData with `url = fileUrl(id)`.
 */
export function toWireOutputs(
  values: unknown[],
  fileUrl: (id: string) => string,
): unknown[] {
  return values.map((v) => convertOutput(v, fileUrl, 0));
}

function convertOutput(
  v: unknown,
  fileUrl: (id: string) => string,
  depth: number,
): unknown {
  if (depth > 32 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    return v.map((x) => convertOutput(x, fileUrl, depth + 1));
  }
  const rec = v as Record<string, unknown>;
  if (
    typeof rec.path === "string" && typeof rec.mimeType === "string" &&
    typeof rec.size === "number"
  ) {
    const ref: FileRef = {
      path: rec.path,
      size: rec.size,
      origName: typeof rec.origName === "string" ? rec.origName : undefined,
      mimeType: rec.mimeType,
    };
    return fileRefToWire(ref, fileUrl(rec.path));
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(rec)) {
    out[k] = convertOutput(x, fileUrl, depth + 1);
  }
  return out;
}

function safeDecode(s: string): string {
  let cur = s;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(cur);
      if (next === cur) break;
      cur = next;
    } catch {
      break;
    }
  }
  return cur;
}

/**
 * @module
 * Files the user picked, kept in the browser until a call needs them: a
 * widget's value is a reference (`path: "local:…"`, `url: blob:…` for the
 * preview), and the call that uses it sends the file along in the same
 * request. No upload step, so it does not matter which server instance
 * answers which request.
 */
import type { WireFile } from "../../components/blocks/client_types.ts";

/** Path prefix of a file kept in the browser. */
export const LOCAL = "local:";

const kept = new Map<string, File>();

/**
 * Adapts a file before it is kept (e.g. downscales a large photo); the page
 * may set one (see {@link setFileAdapter}).
 */
export type FileAdapter = (file: File) => Promise<File>;

let adapter: FileAdapter | null = null;

/**
 * Sets (or clears, with `null`) the page's file adapter.
 *
 * @example
 * ```ts
 * setFileAdapter(async (f) => f.size > 5e6 ? await shrink(f) : f);
 * ```
 */
export function setFileAdapter(fn: FileAdapter | null): void {
  adapter = fn;
}

/**
 * Keeps `file` (after the page's adapter) and returns its reference.
 *
 * @example
 * ```ts
 * const ref = await keepFile(input.files[0]); // { path: "local:…", url: "blob:…", … }
 * ```
 */
export async function keepFile(file: Blob, name = "file"): Promise<WireFile> {
  let f = file instanceof File ? file : new File([file], name, {
    type: file.type,
  });
  if (adapter) f = await adapter(f);
  const path = `${LOCAL}${crypto.randomUUID()}`;
  kept.set(path, f);
  return {
    path,
    url: URL.createObjectURL(f),
    origName: f.name || name,
    mimeType: f.type,
    size: f.size,
  };
}

/** The kept file behind a reference, or undefined (a server file, or gone). */
export function keptFile(ref: { path?: unknown } | null | undefined) {
  return typeof ref?.path === "string" ? kept.get(ref.path) : undefined;
}

/** Whether `v` holds a kept file anywhere inside it. */
export function hasKeptFiles(v: unknown, depth = 0): boolean {
  if (depth > 16 || v === null || typeof v !== "object") return false;
  if (Array.isArray(v)) return v.some((x) => hasKeptFiles(x, depth + 1));
  const rec = v as Record<string, unknown>;
  if (typeof rec.path === "string" && kept.has(rec.path)) return true;
  return Object.values(rec).some((x) => hasKeptFiles(x, depth + 1));
}

/**
 * Replaces kept-file references in `v` by `{"path": "upload:N"}` and lists
 * the files in order (the kit API's multipart convention).
 */
export function detachKeptFiles(
  v: unknown,
  files: File[] = [],
  depth = 0,
): { value: unknown; files: File[] } {
  if (depth > 16 || v === null || typeof v !== "object") {
    return { value: v, files };
  }
  if (Array.isArray(v)) {
    return {
      value: v.map((x) => detachKeptFiles(x, files, depth + 1).value),
      files,
    };
  }
  const rec = v as Record<string, unknown>;
  const f = typeof rec.path === "string" ? kept.get(rec.path) : undefined;
  if (f) {
    files.push(f);
    return {
      value: { path: `upload:${files.length - 1}`, origName: rec.origName },
      files,
    };
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(rec)) {
    out[k] = detachKeptFiles(x, files, depth + 1).value;
  }
  return { value: out, files };
}

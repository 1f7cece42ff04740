/**
 * @module
 * The kit's own JSON API of a hosted app `P` (what its page's islands call):
 *
 * - `POST P/api/<fn>` — `{"data": [...]}` as JSON, or multipart with `data`
 *   (the JSON list) and the files inline: a part named by an input's index
 *   or label fills that input, and `{"path": "upload:N"}` in `data` refers to
 *   the N-th part named `files`. Inline files are used for this call only
 *   (never stored), so a page needs no upload step. Answers
 *   `{"data": [...], "duration": s}`; output files are stored in KV and
 *   served from `P/file/<id>` by any instance.
 * - `GET P/api` — the API description; `POST P/upload` — `files` → `[FileRef]`;
 *   `GET P/file/<id>` — a stored file.
 */
import type { Context } from "fresh";
import { apiDoc } from "../../lib/blocks/docs.ts";
import type { Dependency } from "../../lib/blocks/blocks.ts";
import type { FileRef } from "../../lib/blocks/types.ts";
import { UserFacingError } from "../../lib/errors.ts";
import {
  type FileAccess,
  type StoredFile,
  transientFile,
  withLocalFiles,
} from "../../lib/files/file_store.ts";
import { sniffMime } from "../../lib/files/mime.ts";
import type { State } from "../../utils.ts";
import { fileResponse } from "./file_response.ts";
import type { HostedApp } from "./hosted_app.ts";
import { readBody, readForm } from "../request.ts";

/** Extra bytes allowed on top of the file limit for multipart framing and JSON. */
const OVERHEAD = 256 * 1024;
/** Files one upload or call may carry. */
export const MAX_FILES_PER_REQUEST = 16;

function hostedOf(ctx: Context<State>): HostedApp {
  return ctx.state.hosted!;
}

/** `GET P/api`: the app's API description. */
export function kitApiDoc(ctx: Context<State>): Response {
  const h = hostedOf(ctx);
  return Response.json(apiDoc(h.app, h.path), {
    headers: { "Cache-Control": "no-store" },
  });
}

/** `POST P/api/<fn>` for `dep`. */
export function kitCall(dep: Dependency) {
  return async function call(ctx: Context<State>): Promise<Response> {
    const h = hostedOf(ctx);
    const labels = dep.inputs.map((id) =>
      String(h.app.components.get(id)?.props.label ?? "")
    );
    const { data, local } = await readCall(ctx, h, labels);
    const files: FileAccess = withLocalFiles(h.files, local);
    const started = performance.now();
    const out = await h.app.call(h.site, dep, data, {
      files,
      signal: ctx.req.signal,
      fileUrl: (id) => fileUrl(h, id),
    });
    return Response.json(
      { data: out, duration: Math.round(performance.now() - started) / 1000 },
      { headers: { "Cache-Control": "no-store" } },
    );
  };
}

/** `POST P/upload`: multipart `files` → `[FileRef]`. */
export async function kitUpload(ctx: Context<State>): Promise<Response> {
  const h = hostedOf(ctx);
  const form = await readForm(ctx.req, {
    limit: h.app.maxFileBytes + OVERHEAD,
    client: ctx.state.client,
  });
  const parts = form.getAll("files").filter((p): p is File =>
    typeof p !== "string"
  );
  if (!parts.length) {
    throw new UserFacingError(
      400,
      "missing_file",
      'Send the files as multipart form fields named "files".',
    );
  }
  if (parts.length > MAX_FILES_PER_REQUEST) {
    throw new UserFacingError(
      413,
      "too_many_files",
      `At most ${MAX_FILES_PER_REQUEST} files per request.`,
    );
  }
  const refs: FileRef[] = [];
  for (const part of parts) {
    const f = await partToFile(part);
    const stored = await h.files.putUpload(f.bytes, f.name, f.mimeType);
    refs.push(refOf(h, stored));
  }
  return Response.json(refs, { headers: { "Cache-Control": "no-store" } });
}

/** `GET P/file/<id>`: a file the app's store issued (nothing else). */
export async function kitFile(ctx: Context<State>): Promise<Response> {
  const h = hostedOf(ctx);
  const id = `${ctx.params.rand}/${ctx.params.name}`;
  const f = await h.files.get(id);
  if (!f) {
    throw new UserFacingError(
      404,
      "file_not_found",
      "No such file (files are kept for a limited time).",
    );
  }
  return fileResponse(ctx.req, f);
}

/** `P/file/<id>` for a stored file. */
export function fileUrl(h: HostedApp, id: string): string {
  return `${h.path}/file/${id.split("/").map(encodeURIComponent).join("/")}`;
}

function refOf(h: HostedApp, f: StoredFile): FileRef {
  return {
    path: f.id,
    url: fileUrl(h, f.id),
    size: f.size,
    origName: f.name,
    mimeType: f.mimeType,
  };
}

async function partToFile(part: File): Promise<StoredFile> {
  const bytes = new Uint8Array(await part.arrayBuffer());
  let mime = sniffMime(bytes, part.type);
  if (
    mime === "application/octet-stream" &&
    /^(text\/(plain|csv|markdown)|application\/json)$/.test(part.type)
  ) mime = part.type;
  return transientFile(bytes, part.name || "upload", mime);
}

async function readCall(
  ctx: Context<State>,
  h: HostedApp,
  labels: string[],
): Promise<{ data: unknown[]; local: StoredFile[] }> {
  const type = ctx.req.headers.get("content-type") ?? "";
  const limits = {
    limit: h.app.maxFileBytes + OVERHEAD,
    client: ctx.state.client,
  };
  if (!type.startsWith("multipart/form-data")) {
    const body = await readBody(ctx.req, {
      ...limits,
      limit: h.app.maxFileBytes * 1.4 + OVERHEAD,
    });
    return { data: parseData(new TextDecoder().decode(body)), local: [] };
  }
  const form = await readForm(ctx.req, limits);
  const raw = form.get("data");
  const data = typeof raw === "string" && raw
    ? parseData(raw)
    : new Array(labels.length).fill(null);
  const local: StoredFile[] = [];
  const inline: StoredFile[] = [];
  let count = 0;
  for (const [key, part] of form.entries()) {
    if (key === "data" || typeof part === "string") continue;
    if (++count > MAX_FILES_PER_REQUEST) {
      throw new UserFacingError(
        413,
        "too_many_files",
        `At most ${MAX_FILES_PER_REQUEST} files per request.`,
      );
    }
    const f = await partToFile(part);
    local.push(f);
    if (key === "files") {
      inline.push(f);
      continue;
    }
    const index = /^\d+$/.test(key) ? Number(key) : labels.indexOf(key);
    if (index < 0 || index >= labels.length) {
      throw new UserFacingError(
        422,
        "invalid_input",
        `File field "${
          key.slice(0, 40)
        }" matches no input (use its index or label).`,
      );
    }
    data[index] = localRef(f);
  }
  return { data: resolvePlaceholders(data, inline, 0) as unknown[], local };
}

function localRef(f: StoredFile): FileRef {
  return { path: f.id, size: f.size, origName: f.name, mimeType: f.mimeType };
}

/** Replaces `{"path": "upload:N"}` with the N-th inline file's reference. */
function resolvePlaceholders(
  v: unknown,
  inline: StoredFile[],
  depth: number,
): unknown {
  if (depth > 16 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    return v.map((x) => resolvePlaceholders(x, inline, depth + 1));
  }
  const rec = v as Record<string, unknown>;
  const m = typeof rec.path === "string" && rec.path.match(/^upload:(\d+)$/);
  if (m) {
    const f = inline[Number(m[1])];
    if (!f) {
      throw new UserFacingError(
        422,
        "invalid_input",
        `No file part for "${rec.path}".`,
      );
    }
    return { ...localRef(f), origName: rec.origName ?? f.name };
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(rec)) {
    out[k] = resolvePlaceholders(x, inline, depth + 1);
  }
  return out;
}

function parseData(text: string): unknown[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new UserFacingError(
      400,
      "bad_json",
      'The body must be JSON like {"data": [...]}.',
    );
  }
  const data = Array.isArray(v) ? v : (v as { data?: unknown })?.data;
  if (!Array.isArray(data)) {
    throw new UserFacingError(
      400,
      "bad_json",
      'The body must be JSON like {"data": [...]}.',
    );
  }
  return data;
}

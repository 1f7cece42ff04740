/**
 * @module
 * Mounts Blocks apps: under each app's path `P` it answers
 *
 * - `POST {P}/api/{api_name}` — JSON `{"data": [...]}` or multipart (`data`
 *   = JSON list, file parts named by input index or parameter label) →
 *   `{"data": [...], "duration": seconds}`;
 * - `GET {P}/api` — the API description (see `lib/blocks/docs.ts`);
 * - `POST {P}/upload` — multipart `files` (size-limited while reading) → `[FileRef]`;
 * - `GET {P}/file/{id}` — a file the app's store issued (nothing else);
 *
 * and remembers which app a page request (`GET P`) is for, so the page
 * route can render it ({@link mountedAppOf}). Errors are
 * `{"error": {"code", "message"}}`.
 */
import type { Context, Middleware } from "fresh";
import type { MountedApp } from "../../apps/mod.ts";
import { readBodyLimited } from "../body.ts";
import { ApiError, errorResponse } from "../errors.ts";
import { securityHeaders } from "../security_headers.ts";
import { apiDoc } from "../../lib/blocks/docs.ts";
import { isInlineSafe, sniffMime } from "../../lib/blocks/mime.ts";
import type { FileRef } from "../../lib/blocks/types.ts";
import type { FileStore } from "../../lib/blocks/files.ts";

const MOUNTED = new WeakMap<Request, MountedApp>();
const ALL = new WeakMap<Request, MountedApp[]>();

/** Every mounted app (for index pages), as seen by this request. */
export function mountedAppsOf(req: Request): MountedApp[] {
  return ALL.get(req) ?? [];
}

/**
 * The app whose page this request asks for (set by {@link blocksMiddleware}).
 *
 * @example
 * ```ts
 * const mounted = mountedAppOf(ctx.req);
 * if (!mounted) throw new HttpError(404);
 * ```
 */
export function mountedAppOf(req: Request): MountedApp | undefined {
  return MOUNTED.get(req);
}

/** Extra bytes allowed on top of the file limit for multipart framing and JSON. */
const OVERHEAD = 256 * 1024;

/**
 * The middleware serving every mounted app's API; put it before `fsRoutes()`.
 *
 * @example
 * ```ts
 * app.use(blocksMiddleware(createApps(services)));
 * ```
 */
/** Options of {@link blocksMiddleware}. */
export interface BlocksMiddlewareOptions {
  /** Called before an endpoint runs; a positive answer is the seconds to wait (429). */
  admit?: (client: { clientAddress: string }) => number;
}

export function blocksMiddleware<S>(
  apps: MountedApp[],
  opts: BlocksMiddlewareOptions = {},
): Middleware<S> {
  const sorted = [...apps].sort((a, b) => b.path.length - a.path.length);
  return async function blocks(ctx: Context<S>): Promise<Response> {
    const path = ctx.url.pathname;
    ALL.set(ctx.req, apps);
    for (const m of sorted) {
      if (path === (m.path || "/") || path === m.path + "/") {
        MOUNTED.set(ctx.req, m);
        return await ctx.next();
      }
      if (!path.startsWith(m.path + "/")) continue;
      const clientAddress =
        (ctx.info?.remoteAddr as Deno.NetAddr | undefined)?.hostname ??
          "unknown";
      const admit = () => opts.admit?.({ clientAddress }) ?? 0;
      const res = await route(ctx.req, m, path.slice(m.path.length + 1), admit)
        .catch(errorResponse);
      if (res) {
        securityHeaders(res.headers, { frameAncestors: "'self'" });
        return res;
      }
    }
    return await ctx.next();
  };
}

async function route(
  req: Request,
  m: MountedApp,
  rest: string,
  admit: () => number,
): Promise<Response | null> {
  const { app } = m;
  const method = req.method;
  if (rest === "api" || rest === "api/") {
    if (m.path === "" && rest === "api/") return null;
    if (method !== "GET" && method !== "HEAD") throw methodNotAllowed("GET");
    return Response.json(apiDoc(app, m.path), {
      headers: { "Cache-Control": "no-store" },
    });
  }
  if (rest.startsWith("api/")) {
    const hidden = rest.match(/^api\/_fn\/(\d+)$/);
    const dep = hidden
      ? app.dependencies[Number(hidden[1])]
      : app.endpoint(rest.slice(4));
    if (!dep) {
      if (m.path === "") return null; // the root app shares /api with other routes
      throw new ApiError(
        404,
        "not_found",
        `No endpoint "${rest.slice(4).slice(0, 60)}" here; see ${m.path}/api.`,
      );
    }
    if (method !== "POST") throw methodNotAllowed("POST");
    const wait = admit();
    if (wait > 0) {
      await req.body?.cancel().catch(() => {});
      throw new ApiError(
        429,
        "rate_limited",
        `Too many requests from your address. Try again in ${wait} seconds.`,
        { "Retry-After": String(wait) },
      );
    }
    const data = await readCall(
      req,
      m,
      dep.inputs.map((id) => String(app.components.get(id)?.props.label ?? "")),
    );
    const started = performance.now();
    const out = await app.call(dep, data, {
      signal: req.signal,
      fileUrl: (id) => fileUrl(m, id),
    });
    return Response.json(
      { data: out, duration: Math.round(performance.now() - started) / 1000 },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  if (rest === "upload") {
    if (method !== "POST") throw methodNotAllowed("POST");
    const form = await readForm(req, app.files.maxFileBytes);
    const refs: FileRef[] = [];
    for (const part of form.getAll("files")) {
      if (typeof part === "string") continue;
      refs.push(await storePart(app.files, part, m));
    }
    if (!refs.length) {
      throw new ApiError(
        400,
        "missing_file",
        'Send the files as multipart form fields named "files".',
      );
    }
    return Response.json(refs, { headers: { "Cache-Control": "no-store" } });
  }
  if (rest.startsWith("file/")) {
    if (method !== "GET" && method !== "HEAD") throw methodNotAllowed("GET");
    let id: string;
    try {
      id = decodeURIComponent(rest.slice(5));
    } catch {
      id = "";
    }
    const f = app.files.get(id);
    if (!f) {
      throw new ApiError(
        404,
        "file_not_found",
        "No such file (files are kept for a limited time).",
      );
    }
    const inline = isInlineSafe(f.mimeType);
    const name = encodeURIComponent(f.name);
    return new Response(
      method === "HEAD" ? null : f.bytes as Uint8Array<ArrayBuffer>,
      {
        headers: {
          "Content-Type": inline ? f.mimeType : "application/octet-stream",
          "Content-Length": String(f.bytes.length),
          "Content-Disposition": `${
            inline ? "inline" : "attachment"
          }; filename*=UTF-8''${name}`,
          "Cache-Control": "private, max-age=3600",
          "X-Content-Type-Options": "nosniff",
          "Content-Security-Policy":
            "default-src 'none'; img-src 'self'; media-src 'self'; sandbox",
        },
      },
    );
  }
  return null;
}

function methodNotAllowed(allow: string): ApiError {
  return new ApiError(405, "method_not_allowed", `Use ${allow} here.`, {
    Allow: allow,
  });
}

/** `{P}/file/{id}` for a stored file. */
export function fileUrl(m: MountedApp, id: string): string {
  return `${m.path}/file/${id.split("/").map(encodeURIComponent).join("/")}`;
}

async function readCall(
  req: Request,
  m: MountedApp,
  labels: string[],
): Promise<unknown[]> {
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await readForm(req, m.app.files.maxFileBytes);
    const raw = form.get("data");
    const data = typeof raw === "string" && raw
      ? parseData(raw)
      : new Array(labels.length).fill(null);
    for (const [key, part] of form.entries()) {
      if (key === "data" || typeof part === "string") continue;
      const index = /^\d+$/.test(key) ? Number(key) : labels.indexOf(key);
      if (index < 0 || index >= labels.length) {
        throw new ApiError(
          422,
          "invalid_input",
          `File field "${
            key.slice(0, 40)
          }" matches no input (use its index or label).`,
        );
      }
      data[index] = await storePart(m.app.files, part, m);
    }
    return data;
  }
  const body = await readBodyLimited(
    req,
    m.app.files.maxFileBytes * 1.4 + OVERHEAD,
  );
  return parseData(new TextDecoder().decode(body));
}

function parseData(text: string): unknown[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      "bad_json",
      'The body must be JSON like {"data": [...]}.',
    );
  }
  const data = Array.isArray(v) ? v : (v as { data?: unknown })?.data;
  if (!Array.isArray(data)) {
    throw new ApiError(
      400,
      "bad_json",
      'The body must be JSON like {"data": [...]}.',
    );
  }
  return data;
}

async function readForm(req: Request, maxFileBytes: number): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Send multipart/form-data.",
    );
  }
  const bytes = await readBodyLimited(req, maxFileBytes + OVERHEAD);
  try {
    return await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { "Content-Type": type },
    }).formData();
  } catch {
    throw new ApiError(
      400,
      "bad_multipart",
      "The multipart body could not be read.",
    );
  }
}

async function storePart(
  files: FileStore,
  part: File,
  m: MountedApp,
): Promise<FileRef> {
  const bytes = new Uint8Array(await part.arrayBuffer());
  let mime = sniffMime(bytes, part.type);
  if (
    mime === "application/octet-stream" &&
    /^(text\/(plain|csv|markdown)|application\/json)$/.test(part.type)
  ) mime = part.type;
  const f = files.put(bytes, part.name || "upload", mime);
  return {
    path: f.id,
    url: fileUrl(m, f.id),
    size: bytes.length,
    origName: f.name,
    mimeType: f.mimeType,
  };
}

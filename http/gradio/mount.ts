/**
 * @module
 * Mounts Gradio's HTTP protocol on every hosted app: for an app at path P,
 * `P/config`, `P/gradio_api/*` (info, upload, file=, queue/join, queue/data,
 * call, run, heartbeat, cancel, reset, app_id) and the "Use via API" page
 * `P/api-docs` (also reached by `P/?view=api`, as Gradio's footer link).
 * One small module per endpoint; this file only routes.
 *
 * @example
 * ```ts
 * import { gradioMiddleware } from "./http/gradio/mount.ts";
 * app.use(gradioMiddleware(apps, { publicUrl: services.config.publicUrl }));
 * ```
 */
import type { Context } from "fresh";
import {
  GradioHost,
  type GradioHostOptions,
  type HostedApp,
} from "../../lib/gradio/host.ts";
import { API_PREFIX } from "../../lib/gradio/config.ts";
import { securityHeaders } from "../security_headers.ts";
import { toApiError } from "../errors.ts";
import { corsHeaders, preflight } from "./cors.ts";
import {
  errorJson,
  type GradioHandler,
  GradioHttpError,
  json,
} from "./respond.ts";
import { getAppId, getConfig } from "./config.ts";
import { getInfo } from "./info.ts";
import { postUpload } from "./upload.ts";
import { getFile } from "./file.ts";
import { postQueueJoin } from "./queue_join.ts";
import { getQueueData } from "./queue_data.ts";
import { getCallResult, postCall } from "./call.ts";
import { postRun } from "./run.ts";
import { getHeartbeat, postCancel, postReset } from "./session.ts";
import { getApiDocs } from "./api_docs.tsx";

/** Settings for {@link gradioMiddleware}. */
export interface GradioMountOptions extends GradioHostOptions {
  /** Public origin for `root` and file URLs (`PUBLIC_URL`); else the request's origin. */
  publicUrl?: string;
  /**
   * Call budget: seconds a client must wait before calling `endpoint` of
   * `app` (0 = allowed). Checked on `queue/join`, `call` and `run`.
   */
  admit?: (
    call: { app: string; endpoint: string; clientAddress: string },
  ) => number;
}

type Route = [method: "GET" | "POST", pattern: RegExp, handler: GradioHandler];

const NAME = "([A-Za-z_][\\w-]*)";

/** Paths below the app's path P; `GET` routes also answer `HEAD`. */
const ROUTES: Route[] = [
  ["GET", /^\/config\/?$/, getConfig],
  ["GET", /^\/api-docs\/?$/, getApiDocs],
  ["GET", re("/info/?"), getInfo],
  ["GET", re("/app_id/?"), getAppId],
  ["POST", re("/upload/?"), postUpload],
  ["GET", re("/file=(.+)"), getFile],
  ["POST", re("/queue/join/?"), postQueueJoin],
  ["GET", re("/queue/data/?"), getQueueData],
  ["POST", re(`/call/${NAME}/?`), postCall],
  ["GET", re(`/call/${NAME}/([A-Za-z0-9]{1,64})/?`), getCallResult],
  ["POST", re(`/run/${NAME}/?`), postRun],
  ["GET", re("/heartbeat/([\\w.-]{1,128})/?"), getHeartbeat],
  ["POST", re("/cancel/?"), postCancel],
  ["POST", re("/reset/?"), postReset],
];

function re(rest: string): RegExp {
  return new RegExp(`^${API_PREFIX}${rest}$`);
}

/**
 * The middleware: answers the Gradio routes of every hosted app and passes
 * everything else on.
 */
export function gradioMiddleware<S>(
  apps: readonly HostedApp[],
  opts: GradioMountOptions = {},
) {
  const hosts = apps
    .map((a) =>
      new GradioHost(a, {
        describeError: (err) => ({ message: toApiError(err).message }),
        ...opts,
      })
    )
    .sort((a, b) => b.path.length - a.path.length);

  return async function gradioMount(ctx: Context<S>): Promise<Response> {
    const { url, req } = ctx;
    const path = url.pathname;
    const host = hosts.find((h) =>
      path.startsWith(h.path + "/") || path === h.path
    );
    if (!host) return await ctx.next();
    const rest = path.slice(host.path.length) || "/";

    if (
      (rest === "/" || rest === "") && url.searchParams.get("view") === "api" &&
      req.method === "GET"
    ) {
      return finish(
        req,
        new Response(null, {
          status: 302,
          headers: { Location: `${host.path}/api-docs` },
        }),
        false,
      );
    }
    const isApi = rest.startsWith(API_PREFIX + "/") || rest === "/config" ||
      rest === "/config/";
    const method = req.method === "HEAD" ? "GET" : req.method;
    const candidates = ROUTES.filter(([, p]) => p.test(rest));
    if (!candidates.length) {
      if (isApi && rest.startsWith(API_PREFIX + "/")) {
        return finish(req, json({ detail: "Not Found" }, 404), true);
      }
      return await ctx.next();
    }
    if (method === "OPTIONS" && isApi) return finish(req, preflight(req), true);
    const route = candidates.find(([m]) => m === method);
    if (!route) {
      const allow = [
        ...new Set(candidates.map(([m]) => (m === "GET" ? "GET, HEAD" : m))),
      ].join(", ");
      return finish(
        req,
        json({ detail: "Method Not Allowed" }, 405, { Allow: allow }),
        isApi,
      );
    }
    const root = `${opts.publicUrl ?? url.origin}${host.path}`;
    const clientAddress =
      (ctx.info?.remoteAddr as Deno.NetAddr | undefined)?.hostname ?? "unknown";
    const admit = (endpoint: string) =>
      opts.admit?.({ app: host.name, endpoint, clientAddress }) ?? 0;
    let res: Response;
    try {
      res = await route[2]({
        req,
        url,
        host,
        root,
        match: rest.match(route[1])!,
        clientAddress,
        admit,
      });
    } catch (err) {
      if (err instanceof GradioHttpError) res = errorJson(err);
      else {
        // deno-lint-ignore no-console
        console.error("Gradio route error:", err);
        res = json({ detail: "Internal server error." }, 500);
      }
    }
    return finish(req, res, isApi);
  };
}

function finish(req: Request, res: Response, api: boolean): Response {
  if (api) corsHeaders(req, res.headers);
  securityHeaders(res.headers, { frameAncestors: "'self'" });
  return res;
}

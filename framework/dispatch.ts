/**
 * @module
 * How a Fresh app answers requests: its registrations compiled into an
 * ordered list of middleware and route layers, and the walk over that list
 * for each request. `app.ts` holds the builder API that records them.
 */
import type { ComponentType } from "preact";
import { type BuildCache, islandRegistry } from "./build_cache.ts";
import {
  callComponent,
  Context,
  getInternals,
  pageProps,
  type Wrappers,
} from "./context.ts";
import { HttpError, statusText } from "./error.ts";
import { buildFsRoutes, type ErrorPage, type FsRoute } from "./fs_routes.ts";
import { compilePattern, compilePrefix, type Matcher } from "./router.ts";
import type { RenderEnv } from "./runtime/server/render.ts";
import { BUILD_ID_REF } from "./runtime/shared.ts";
import type { FreshConfig, Middleware, PageProps } from "./types.ts";

/** One registration on an `App` (app.ts), replayed in order at compile time. */
export type Command<State> =
  | { type: "mw"; path: string | null; fns: Middleware<State>[] }
  | {
    type: "route";
    method: string | null;
    path: string;
    fns: Middleware<State>[];
  }
  | { type: "fsRoutes" }
  | { type: "appWrapper"; component: ComponentType<PageProps<unknown, State>> };

type Layer =
  | { kind: "mw"; matcher: Matcher; fns: Middleware<unknown>[] }
  | { kind: "fallback"; fns: Middleware<unknown>[] }
  // A route layer is an FsRoute with its pattern compiled (app.get() routes fill the same fields).
  | { kind: "route"; matcher: Matcher } & Omit<FsRoute, "pattern">;

/** An app ready to answer requests. */
export interface Compiled {
  layers: Layer[];
  /** Middlewares for every path (`use()` without a path, root `_middleware`): all that runs for a 404 or 405. */
  rootFns: Middleware<unknown>[];
  env: RenderEnv;
  wrappers: Wrappers;
  rootError: ErrorPage | null;
}

/**
 * Turn an app's registrations, in order, into the layer list that
 * {@link dispatch} walks; loads the build (routes, islands) once.
 * Sets `config.mode` from the build.
 */
export async function compileApp<State>(
  commands: Command<State>[],
  cache: BuildCache,
  config: FreshConfig,
): Promise<Compiled> {
  const build = await cache.load();
  BUILD_ID_REF.current = build.buildId;
  config.mode = build.mode;
  // As Fresh (`segmentToMiddlewares` runs when a route is registered): a
  // route gets the `_app` / `appWrapper` and root `_error` registered
  // *before* it. An app that mounts routes before `fsRoutes()` renders them
  // without `routes/_app`. Unmatched requests (404/405) get the final ones.
  const wrappers: Wrappers = { app: null, layouts: [] };
  let rootError: ErrorPage | null = null;
  const layers: Layer[] = [];
  for (const cmd of commands) {
    if (cmd.type === "appWrapper") {
      wrappers.app = cmd.component as ComponentType<PageProps>;
    } else if (cmd.type === "mw") {
      layers.push({
        kind: "mw",
        matcher: compilePrefix(cmd.path ?? "*"),
        fns: cmd.fns as Middleware<unknown>[],
      });
    } else if (cmd.type === "route") {
      layers.push({
        kind: "route",
        matcher: compilePattern(cmd.path),
        methods: cmd.method ? new Set([cmd.method]) : null,
        fns: cmd.fns as Middleware<unknown>[],
        wrappers: { app: wrappers.app, layouts: [] },
        errorPage: rootError,
      });
    } else {
      const fs = buildFsRoutes(build.routes);
      if (fs.app) wrappers.app = fs.app;
      rootError = fs.rootError;
      if (fs.rootMiddlewares.length) {
        layers.push({ kind: "fallback", fns: fs.rootMiddlewares });
      }
      for (const route of fs.routes) {
        layers.push({
          kind: "route",
          ...route,
          matcher: compilePattern(route.pattern),
        });
      }
    }
  }
  const rootFns = layers.flatMap((l) =>
    l.kind === "fallback" || (l.kind === "mw" && l.matcher.pattern === "*")
      ? l.fns
      : []
  );
  return {
    layers,
    rootFns,
    rootError,
    wrappers,
    env: {
      buildId: build.buildId,
      islands: islandRegistry(build.islands),
      runtimeChunk: build.runtimeChunk,
    },
  };
}

/**
 * Answer one request with a compiled app: strip `basePath`, run the
 * matching middlewares and the first route whose method fits (405 with
 * `Allow` when only the method is wrong), and render errors with the
 * nearest error page.
 */
export async function dispatch(
  c: Compiled,
  cache: BuildCache,
  req: Request,
  info: Deno.ServeHandlerInfo,
  config: FreshConfig,
): Promise<Response> {
  // A request whose Host header is not a valid host has no valid URL. It
  // still runs the root middlewares (so the app answers it with its usual
  // headers), with a placeholder host, and fails with HttpError 400.
  let url: URL;
  let badHost = false;
  try {
    url = new URL(req.url);
  } catch {
    badHost = true;
    const path = req.url.replace(/^[a-z]+:\/\/[^/]*/i, "");
    url = new URL(path.startsWith("/") ? path : "/", "http://invalid.invalid");
  }
  // Collapse "//" so "//evil.com" can never become a protocol-relative URL.
  url.pathname = url.pathname.replace(/\/{2,}/g, "/");
  let pathname: string | null = badHost ? null : url.pathname;
  const base = config.basePath;
  if (base && pathname !== null) {
    pathname = pathname === base || pathname.startsWith(base + "/")
      ? pathname.slice(base.length) || "/"
      : null;
  }
  const ctx = new Context<unknown>(req, url, info, config, {
    env: () => c.env,
    cache,
    wrappers: c.wrappers,
  });
  const method = req.method;
  const found = pathname === null
    ? null
    : findRoute(c.layers, pathname, method);
  let fns: Middleware<unknown>[];
  let errorPage = c.rootError;
  if (found?.route) {
    const { route, index, params } = found;
    ctx.params = params;
    ctx.route = route.matcher.pattern;
    // Middlewares registered before the route and covering its path, in order.
    fns = [
      ...c.layers.slice(0, index).flatMap((l) =>
        l.kind === "mw" && l.matcher.match(pathname!) ? l.fns : []
      ),
      ...route.fns,
    ];
    getInternals(ctx).wrappers = route.wrappers;
    errorPage = route.errorPage;
  } else {
    // As Fresh: an unknown path or a wrong method runs only the root
    // middlewares, then fails with HttpError 404 / 405; OPTIONS on a known
    // path answers 204 with `Allow`.
    const allowed = found?.allowed;
    fns = [...c.rootFns];
    if (badHost) {
      fns.push(() => {
        throw new HttpError(400, "The Host header is not a valid host name.");
      });
    }
    if (allowed && method === "OPTIONS") {
      const allow = [...allowed].join(", ");
      fns.push(() =>
        new Response(null, { status: 204, headers: { Allow: allow } })
      );
    } else if (allowed) {
      fns.push(() => {
        throw new HttpError(405);
      });
    }
  }

  let i = 0;
  ctx.next = async () => {
    const fn = fns[i++];
    if (!fn) throw new HttpError(404);
    return await fn(ctx);
  };
  let res: Response;
  try {
    res = await ctx.next();
  } catch (err) {
    res = await renderError(ctx, err, errorPage);
  }
  if (method === "HEAD" && res.body) {
    await res.body.cancel();
    res = new Response(null, res);
  }
  return res;
}

/** The route a request reaches, or the methods its path allows. */
interface Found {
  route: RouteLayer | null;
  index: number;
  params: Record<string, string>;
  allowed: Set<string>;
}

type RouteLayer = Extract<Layer, { kind: "route" }>;

/**
 * Fresh's router rules: a static path wins over patterns; otherwise the
 * first pattern (in registration order) that matches decides. Within that
 * path the first registration for the method wins (`HEAD` falls back to
 * `GET`); a path that matches with the wrong method yields only `allowed`.
 */
function findRoute(
  layers: Layer[],
  pathname: string,
  method: string,
): Found | null {
  let pattern: string | null = null;
  for (const dynamic of [false, true]) {
    for (const l of layers) {
      if (l.kind !== "route" || l.matcher.dynamic !== dynamic) continue;
      if (l.matcher.match(pathname)) {
        pattern = l.matcher.pattern;
        break;
      }
    }
    if (pattern !== null) break;
  }
  if (pattern === null) return null;
  const allowed = new Set<string>();
  const tries = method === "HEAD" ? ["HEAD", "GET"] : [method];
  for (const m of tries) {
    for (let index = 0; index < layers.length; index++) {
      const l = layers[index];
      if (l.kind !== "route" || l.matcher.pattern !== pattern) continue;
      if (!l.methods || l.methods.has(m)) {
        return { route: l, index, params: l.matcher.match(pathname)!, allowed };
      }
    }
  }
  for (const l of layers) {
    if (l.kind === "route" && l.matcher.pattern === pattern && l.methods) {
      for (const m of l.methods) allowed.add(m);
    }
  }
  return { route: null, index: -1, params: {}, allowed };
}

async function renderError(
  ctx: Context<unknown>,
  error: unknown,
  page: ErrorPage | null,
): Promise<Response> {
  const status = error instanceof HttpError ? error.status : 500;
  if (status >= 500) {
    // deno-lint-ignore no-console
    console.error(error);
  }
  if (page) {
    try {
      ctx.error = error;
      ctx.data = undefined;
      getInternals(ctx).wrappers = page.wrappers;
      const content = await callComponent(page.component, {
        ...pageProps(ctx),
        Component: () => null,
      });
      if (content instanceof Response) return content;
      return await ctx.render(content, { status });
    } catch (err) {
      // deno-lint-ignore no-console
      console.error("Error while rendering the error page:", err);
    }
  }
  if (error instanceof HttpError) {
    return new Response(error.message || statusText(status), { status });
  }
  return new Response("Internal server error", { status: 500 });
}

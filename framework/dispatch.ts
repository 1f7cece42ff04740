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
import { HttpError } from "./error.ts";
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
        wrappers,
        errorPage: null,
      });
    } else {
      const fs = buildFsRoutes(build.routes);
      // `_app` wraps every page, including `ctx.render` in app.get() routes.
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
  for (const layer of layers) {
    if (layer.kind === "route" && !layer.errorPage) {
      layer.errorPage = rootError;
    }
  }
  return {
    layers,
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
  const url = new URL(req.url);
  // Collapse "//" so "//evil.com" can never become a protocol-relative URL.
  url.pathname = url.pathname.replace(/\/{2,}/g, "/");
  let pathname: string | null = url.pathname;
  const base = config.basePath;
  if (base) {
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
  const chain: Middleware<unknown>[] = [];
  const fallback: Middleware<unknown>[] = [];
  const allowed = new Set<string>();
  let route: Extract<Layer, { kind: "route" }> | null = null;
  for (const layer of pathname === null ? [] : c.layers) {
    if (layer.kind === "fallback") {
      fallback.push(...layer.fns);
      continue;
    }
    const params = layer.matcher.match(pathname!);
    if (!params) continue;
    if (layer.kind === "mw") {
      chain.push(...layer.fns);
      fallback.push(...layer.fns);
    } else if (
      !layer.methods || layer.methods.has(method) ||
      (method === "HEAD" && layer.methods.has("GET"))
    ) {
      route = layer;
      ctx.params = params;
      break;
    } else {
      for (const m of layer.methods) allowed.add(m);
    }
  }

  let fns: Middleware<unknown>[];
  let errorPage = c.rootError;
  if (route) {
    fns = [...chain, ...route.fns];
    ctx.route = route.matcher.pattern;
    getInternals(ctx).wrappers = route.wrappers;
    errorPage = route.errorPage;
  } else if (allowed.size) {
    if (allowed.has("GET")) allowed.add("HEAD");
    allowed.add("OPTIONS");
    const allow = [...allowed].join(", ");
    fns = [
      ...fallback,
      () =>
        method === "OPTIONS"
          ? new Response(null, { status: 204, headers: { Allow: allow } })
          : new Response("Method Not Allowed", {
            status: 405,
            headers: { Allow: allow },
          }),
    ];
  } else {
    fns = fallback;
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
    return new Response(error.message, { status });
  }
  return new Response("Internal server error", { status: 500 });
}

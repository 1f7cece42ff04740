import type { ComponentType } from "preact";
import {
  type BuildCache,
  crawlBuildCache,
  islandRegistry,
} from "./build_cache.ts";
import {
  callComponent,
  Context,
  getInternals,
  pageProps,
  type Wrappers,
} from "./context.ts";
import { HttpError } from "./error.ts";
import { buildFsRoutes, type ErrorPage } from "./fs_routes.ts";
import { compilePattern, compilePrefix, type Matcher } from "./router.ts";
import type { RenderEnv } from "./runtime/server/render.ts";
import { BUILD_ID_REF } from "./runtime/shared.ts";
import type {
  FreshConfig,
  ListenOptions,
  Middleware,
  PageProps,
} from "./types.ts";

type Command<State> =
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
  | {
    kind: "route";
    matcher: Matcher;
    methods: Set<string> | null;
    fns: Middleware<unknown>[];
    wrappers: Wrappers;
    errorPage: ErrorPage | null;
  };

interface Compiled {
  layers: Layer[];
  env: RenderEnv;
  wrappers: Wrappers;
  rootError: ErrorPage | null;
}

const DEFAULT_INFO: Deno.ServeHandlerInfo = {
  remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 0 },
  completed: Promise.resolve(),
};

let setCache: (app: App<unknown>, cache: BuildCache) => void;

/**
 * A Fresh app. Register middlewares, routes and the file-system routes in
 * order (it matters, as in Express or Hono); they are compiled when
 * `handler()` is called.
 *
 * @example
 * ```ts
 * import { App, staticFiles } from "fresh";
 * export const app = new App<{ user?: string }>()
 *   .use(staticFiles())
 *   .get("/api/hello", () => new Response("hello"))
 *   .fsRoutes();
 * ```
 */
export class App<State> {
  /** Resolved options, also exposed as `ctx.config`. */
  readonly config: FreshConfig;
  #commands: Command<State>[] = [];
  #cache: BuildCache | null = null;

  static {
    setCache = (app, cache) => app.#cache = cache;
  }

  /**
   * @param config `basePath` prefixes every route (e.g. `"/app"`).
   */
  constructor(config: { basePath?: string; mode?: FreshConfig["mode"] } = {}) {
    this.config = {
      basePath: (config.basePath ?? "").replace(/\/$/, ""),
      mode: config.mode ?? "development",
    };
  }

  /**
   * Add middleware for every request, or for `path` and below.
   *
   * @example
   * ```ts
   * app.use(async (ctx) => { ctx.state.t = Date.now(); return await ctx.next(); });
   * app.use("/admin", (ctx) => ctx.next());
   * ```
   */
  use(...fns: (Middleware<State> | Middleware<State>[])[]): this;
  use(path: string, ...fns: (Middleware<State> | Middleware<State>[])[]): this;
  use(...args: unknown[]): this {
    const path = typeof args[0] === "string" ? args.shift() as string : null;
    const fns = (args as (Middleware<State> | Middleware<State>[])[]).flat();
    this.#commands.push({ type: "mw", path, fns });
    return this;
  }

  /**
   * Handle `GET` (and `HEAD`) on a URLPattern path.
   *
   * @example
   * ```ts
   * app.get("/users/:id", (ctx) => new Response(ctx.params.id));
   * ```
   */
  get(path: string, ...fns: Middleware<State>[]): this {
    return this.#route("GET", path, fns);
  }
  /** Handle `POST` on a path; see {@link App.get}. */
  post(path: string, ...fns: Middleware<State>[]): this {
    return this.#route("POST", path, fns);
  }
  /** Handle `PUT` on a path; see {@link App.get}. */
  put(path: string, ...fns: Middleware<State>[]): this {
    return this.#route("PUT", path, fns);
  }
  /** Handle `PATCH` on a path; see {@link App.get}. */
  patch(path: string, ...fns: Middleware<State>[]): this {
    return this.#route("PATCH", path, fns);
  }
  /** Handle `DELETE` on a path; see {@link App.get}. */
  delete(path: string, ...fns: Middleware<State>[]): this {
    return this.#route("DELETE", path, fns);
  }
  /** Handle `HEAD` on a path; see {@link App.get}. */
  head(path: string, ...fns: Middleware<State>[]): this {
    return this.#route("HEAD", path, fns);
  }
  /** Handle every method on a path; see {@link App.get}. */
  all(path: string, ...fns: Middleware<State>[]): this {
    return this.#route(null, path, fns);
  }

  /**
   * Insert the routes of `routes/` here (from the build snapshot, or by
   * crawling the folder when there is none).
   *
   * @example
   * ```ts
   * app.use(staticFiles()).fsRoutes();
   * ```
   */
  fsRoutes(_pattern = "*"): this {
    this.#commands.push({ type: "fsRoutes" });
    return this;
  }

  /**
   * Wrap pages rendered by programmatic routes in a component (what
   * `routes/_app.tsx` does for file routes).
   *
   * @example
   * ```tsx
   * app.appWrapper(({ Component }) => <html><body><Component /></body></html>);
   * ```
   */
  appWrapper(component: ComponentType<PageProps<unknown, State>>): this {
    this.#commands.push({ type: "appWrapper", component });
    return this;
  }

  /**
   * Compile the app into a fetch handler for `Deno.serve` or tests.
   *
   * @example
   * ```ts
   * const handler = app.handler();
   * const res = await handler(new Request("http://localhost/"));
   * ```
   */
  handler(): (req: Request, info?: Deno.ServeHandlerInfo) => Promise<Response> {
    const commands = [...this.#commands];
    let cache = this.#cache;
    if (!cache) {
      if (envGet("DENO_DEPLOYMENT_ID")) {
        throw new Error(
          'Could not find _fresh directory. Maybe you forgot to run "deno task build"?',
        );
      }
      cache = crawlBuildCache(Deno.cwd());
    }
    const buildCache = cache;
    let compiled: Promise<Compiled> | undefined;
    return async (req, info = DEFAULT_INFO) => {
      const c = await (compiled ??= this.#compile(commands, buildCache));
      return await this.#handle(c, buildCache, req, info);
    };
  }

  /**
   * Serve the app with `Deno.serve`. Without a port the first free one of
   * 8000–8019 is used. Resolves once listening.
   *
   * @example
   * ```ts
   * await app.listen({ port: 8000 }); // Listening on http://localhost:8000/
   * ```
   */
  listen(opts: ListenOptions = {}): Promise<Deno.HttpServer<Deno.NetAddr>> {
    const handler = this.handler();
    const hostname = opts.hostname ?? "0.0.0.0";
    return new Promise((resolve, reject) => {
      const onListen = (addr: Deno.NetAddr) => {
        if (opts.onListen) opts.onListen(addr);
        else {
          const host = addr.hostname === "0.0.0.0" || addr.hostname === "::"
            ? "localhost"
            : addr.hostname;
          // deno-lint-ignore no-console
          console.log(`Listening on http://${host}:${addr.port}/`);
        }
      };
      const ports = opts.port !== undefined
        ? [opts.port]
        : Array.from({ length: 20 }, (_, i) => 8000 + i);
      for (const port of ports) {
        try {
          const server = Deno.serve(
            { port, hostname, signal: opts.signal, onListen },
            handler,
          );
          return resolve(server);
        } catch (err) {
          if (
            !(err instanceof Deno.errors.AddrInUse) || port === ports.at(-1)
          ) {
            return reject(err);
          }
        }
      }
    });
  }

  #route(method: string | null, path: string, fns: Middleware<State>[]): this {
    this.#commands.push({ type: "route", method, path, fns });
    return this;
  }

  async #compile(
    commands: Command<State>[],
    cache: BuildCache,
  ): Promise<Compiled> {
    const build = await cache.load();
    BUILD_ID_REF.current = build.buildId;
    this.config.mode = build.mode;
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

  async #handle(
    c: Compiled,
    cache: BuildCache,
    req: Request,
    info: Deno.ServeHandlerInfo,
  ): Promise<Response> {
    const url = new URL(req.url);
    // Collapse "//" so "//evil.com" can never become a protocol-relative URL.
    url.pathname = url.pathname.replace(/\/{2,}/g, "/");
    let pathname: string | null = url.pathname;
    const base = this.config.basePath;
    if (base) {
      pathname = pathname === base || pathname.startsWith(base + "/")
        ? pathname.slice(base.length) || "/"
        : null;
    }
    const ctx = new Context<unknown>(req, url, info, this.config, {
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

function envGet(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}

/** @internal Make an app use a snapshot or crawl instead of `Deno.cwd()`. */
export function setBuildCache<S>(app: App<S>, cache: BuildCache): void {
  setCache(app as App<unknown>, cache);
}

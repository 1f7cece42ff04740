import type { ComponentType } from "preact";
import { type BuildCache, crawlBuildCache } from "./build_cache.ts";
import {
  type Command,
  compileApp,
  type Compiled,
  dispatch,
} from "./dispatch.ts";
import { mergePath } from "./router.ts";
import type {
  FreshConfig,
  ListenOptions,
  Middleware,
  PageProps,
} from "./types.ts";

const DEFAULT_INFO: Deno.ServeHandlerInfo = {
  remoteAddr: { transport: "tcp", hostname: "127.0.0.1", port: 0 },
  completed: Promise.resolve(),
};

let setCache: (app: App<unknown>, cache: BuildCache) => void;
let commandsOf: <S>(app: App<S>) => Command<S>[];

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
    commandsOf = (app) => app.#commands;
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
   * Merge another app's registrations into this one under `path`, as
   * Fresh's `mountApp`: its routes answer below `path` (`/` maps to `path`
   * itself) and its path-less middlewares cover `path` and everything below
   * it. The other app's registrations are copied now, in order.
   *
   * @example
   * ```ts
   * const demo = new App().get("/", () => new Response("demo page"))
   *   .post("/api/greet", (ctx) => new Response("hi"));
   * const app = new App().mountApp("/demos/greet", demo);
   * // GET /demos/greet → "demo page"; POST /demos/greet/api/greet → "hi"
   * ```
   */
  mountApp(path: string, app: App<State>): this {
    const base = mergePath(
      path,
      app.config.basePath === "" ? "/" : app.config.basePath,
    );
    for (const cmd of commandsOf(app)) {
      if (cmd.type === "mw") {
        const scope = cmd.path === null ? "*" : cmd.path;
        const merged = mergePath(base === "/" ? "" : base, scope);
        this.#commands.push({
          ...cmd,
          path: merged === "*" || merged === "/*" ? null : merged,
        });
      } else if (cmd.type === "route") {
        this.#commands.push({
          ...cmd,
          path: mergePath(base === "/" ? "" : base, cmd.path) || "/",
        });
      } else if (cmd.type === "fsRoutes") {
        throw new Error("mountApp: file routes belong to the outer app.");
      } else this.#commands.push(cmd);
    }
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
      const c =
        await (compiled ??= compileApp(commands, buildCache, this.config));
      return await dispatch(c, buildCache, req, info, this.config);
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

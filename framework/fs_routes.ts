/**
 * Turns route modules (`routes/**`) into route layers: each page or API
 * route gets the `_middleware`s of its folders, its `_layout`s, the root
 * `_app` and the nearest `_error` page.
 *
 * @module
 */
import type { ComponentType } from "preact";
import type { RouteFile } from "./build_cache.ts";
import { callComponent, pageProps, type Wrappers } from "./context.ts";
import { isHandlerByMethod, type RouteHandler } from "./handlers.ts";
import { pathToPattern, sortRoutePaths } from "./router.ts";
import type {
  LayoutConfig,
  Middleware,
  PageProps,
  RouteConfig,
} from "./types.ts";

/** An `_error` page with the wrappers of its folder. */
export interface ErrorPage {
  component: ComponentType<PageProps>;
  wrappers: Wrappers;
}

/** One route of the file system. */
export interface FsRoute {
  /** URLPattern pathname. */
  pattern: string;
  /** Allowed methods, or `null` for all. */
  methods: Set<string> | null;
  /** Folder middlewares, then the route handler. */
  fns: Middleware<unknown>[];
  wrappers: Wrappers;
  errorPage: ErrorPage | null;
}

/** The compiled file-system routes. */
export interface FsRoutes {
  routes: FsRoute[];
  /** `routes/_app`, also used by `ctx.render` in programmatic routes. */
  app: ComponentType<PageProps> | null;
  /** `routes/_middleware` — also runs for unmatched URLs. */
  rootMiddlewares: Middleware<unknown>[];
  /** `routes/_error` — also renders 404s of unmatched URLs. */
  rootError: ErrorPage | null;
}

type Mod = Record<string, unknown>;
const SPECIAL = /^_(app|layout|middleware|error)\.[^.]+$/;

/**
 * Compile route modules into {@link FsRoutes}.
 *
 * @example
 * ```ts
 * import { buildFsRoutes } from "./fs_routes.ts";
 * const fs = buildFsRoutes([{ path: "index.tsx", mod: { default: () => null } }]);
 * fs.routes[0].pattern; // "/"
 * ```
 */
export function buildFsRoutes(files: RouteFile[]): FsRoutes {
  const byDir = new Map<string, Partial<Record<string, Mod>>>();
  const pages: RouteFile[] = [];
  for (
    const file of [...files].sort((a, b) => sortRoutePaths(a.path, b.path))
  ) {
    const parts = file.path.split("/");
    const name = parts.pop()!;
    const special = name.match(SPECIAL);
    if (special) {
      const dir = parts.join("/");
      byDir.set(dir, { ...byDir.get(dir), [special[1]]: file.mod });
    } else if (name.startsWith("_")) {
      // Other `_` files (e.g. `_404.tsx`) are not routes.
      continue;
    } else {
      pages.push(file);
    }
  }

  const app = (byDir.get("")?.app?.default ?? null) as
    | ComponentType<PageProps>
    | null;
  const dirsOf = (path: string) => {
    const parts = path.split("/").slice(0, -1);
    return ["", ...parts.map((_, i) => parts.slice(0, i + 1).join("/"))];
  };
  const wrappersFor = (dirs: string[], config?: RouteConfig): Wrappers => {
    let layouts: ComponentType<PageProps>[] = [];
    let skipApp = config?.skipAppWrapper ?? false;
    for (const dir of dirs) {
      const layout = byDir.get(dir)?.layout;
      if (!layout?.default) continue;
      const lc = layout.config as LayoutConfig | undefined;
      if (lc?.skipInheritedLayouts) layouts = [];
      if (lc?.skipAppWrapper) skipApp = true;
      layouts.push(layout.default as ComponentType<PageProps>);
    }
    if (config?.skipInheritedLayouts) layouts = [];
    return { app: skipApp ? null : app, layouts };
  };
  const errorPageFor = (dirs: string[]): ErrorPage | null => {
    for (let i = dirs.length - 1; i >= 0; i--) {
      const mod = byDir.get(dirs[i])?.error;
      if (mod?.default) {
        return {
          component: mod.default as ComponentType<PageProps>,
          wrappers: wrappersFor(
            dirs.slice(0, i + 1),
            mod.config as RouteConfig,
          ),
        };
      }
    }
    return null;
  };
  const middlewaresOf = (dirs: string[]) =>
    dirs.flatMap((dir) => {
      const mod = byDir.get(dir)?.middleware;
      const mw = mod?.default ?? mod?.handler;
      if (!mw) return [];
      if (typeof mw !== "function" && !Array.isArray(mw)) {
        // deno-lint-ignore no-console
        console.warn(
          `Ignoring ${dir}/_middleware: export a function or an array.`,
        );
        return [];
      }
      return (Array.isArray(mw) ? mw : [mw]) as Middleware<unknown>[];
    });

  const routes: FsRoute[] = [];
  for (const file of pages) {
    const { mod } = file;
    const config = mod.config as RouteConfig | undefined;
    const handler = (mod.handler ?? mod.handlers) as
      | RouteHandler<unknown, unknown>
      | undefined;
    const component = mod.default as ComponentType<PageProps> | undefined;
    if (
      typeof handler !== "function" && !isHandlerByMethod(handler) && !component
    ) {
      continue;
    }
    // As Fresh: a route file is loaded lazily and answers every method
    // (a handler object without the method passes on: 404; a page without a
    // handler renders for any method), unless it sets `routeOverride` —
    // then it is registered for its handler's methods only (405 + `Allow`).
    let methods: Set<string> | null = null;
    if (config?.routeOverride !== undefined && isHandlerByMethod(handler)) {
      methods = new Set(Object.keys(handler));
      if (component) methods.add("GET");
    }
    const dirs = dirsOf(file.path);
    routes.push({
      pattern: config?.routeOverride ??
        pathToPattern(file.path.replace(/\.[^.]+$/, "")),
      methods,
      fns: [
        ...middlewaresOf(dirs),
        routeHandler(file.path, handler, component),
      ],
      wrappers: wrappersFor(dirs, config),
      errorPage: errorPageFor(dirs),
    });
  }
  return {
    routes,
    app,
    rootMiddlewares: middlewaresOf([""]),
    rootError: errorPageFor([""]),
  };
}

function routeHandler(
  path: string,
  handler: RouteHandler<unknown, unknown> | undefined,
  component: ComponentType<PageProps> | undefined,
): Middleware<unknown> {
  return async (ctx) => {
    const method = ctx.req.method;
    let fn = typeof handler === "function" ? handler : undefined;
    if (isHandlerByMethod(handler)) {
      fn = handler[method as "GET"] ??
        (method === "HEAD" ? handler.GET : undefined);
      // No handler for this method (a page's GET is implied): pass on.
      if (!fn && !(component && (method === "GET" || method === "HEAD"))) {
        return await ctx.next();
      }
    }
    const res = fn ? await fn(ctx) : undefined;
    if (res instanceof Response) return res;
    if (!component) {
      throw new Error(
        `Route "${path}" returned page data but has no default export.`,
      );
    }
    ctx.data = res ? res.data : {};
    const content = await callComponent(component, {
      ...pageProps(ctx),
      Component: () => null,
    });
    if (content instanceof Response) return content;
    return ctx.render(content, { status: res?.status, headers: res?.headers });
  };
}

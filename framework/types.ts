import type { FunctionComponent } from "preact";
import type { Context } from "./context.ts";

/**
 * A middleware: do work, then call `ctx.next()` for the rest of the chain,
 * or answer directly with a `Response`. Route handlers are middlewares too.
 *
 * @example
 * ```ts
 * import type { Middleware } from "fresh";
 * const timing: Middleware<unknown> = async (ctx) => {
 *   const res = await ctx.next();
 *   res.headers.set("X-Time", String(Date.now()));
 *   return res;
 * };
 * ```
 */
export type Middleware<State = unknown> = (
  ctx: Context<State>,
) => Response | Promise<Response>;

/** Deprecated alias of {@link Middleware}, kept for Fresh compatibility. */
export type MiddlewareFn<State = unknown> = Middleware<State>;

/**
 * Per-route options, exported from a route file as `config`.
 *
 * @example
 * ```ts
 * import type { RouteConfig } from "fresh";
 * export const config: RouteConfig = { routeOverride: "/api/items/:id" };
 * ```
 */
export interface RouteConfig {
  /** URLPattern pathname used instead of the file's path. */
  routeOverride?: string;
  /** Accepted for compatibility; CSP is not implemented. */
  csp?: boolean;
  /** Do not wrap this page in the layouts of parent directories. */
  skipInheritedLayouts?: boolean;
  /** Do not wrap this page in `_app`. */
  skipAppWrapper?: boolean;
  /** Accepted for compatibility (lazy routes); ignored. */
  methods?: "ALL" | string[];
}

/**
 * Options exported as `config` from a `_layout` file.
 *
 * @example
 * ```ts
 * import type { LayoutConfig } from "fresh";
 * export const config: LayoutConfig = { skipInheritedLayouts: true };
 * ```
 */
export interface LayoutConfig {
  /** Drop the layouts of parent directories. */
  skipInheritedLayouts?: boolean;
  /** Do not wrap in `_app`. */
  skipAppWrapper?: boolean;
}

/** Resolved app options, exposed as `ctx.config`. */
export interface FreshConfig {
  /** Prefix for every route; `""` by default. */
  basePath: string;
  /** `"production"` when built, `"development"` otherwise. */
  mode: "development" | "production";
}

/**
 * Props of page, layout, `_app` and `_error` components: the request context
 * fields plus `data` (from the handler) and `Component` (the wrapped child).
 *
 * @example
 * ```tsx
 * import type { PageProps } from "fresh";
 * export default function Page({ data, params }: PageProps<{ n: number }>) {
 *   return <p>{params.id}: {data.n}</p>;
 * }
 * ```
 */
export type PageProps<Data = unknown, State = unknown> =
  & Pick<
    Context<State>,
    | "config"
    | "url"
    | "req"
    | "params"
    | "info"
    | "state"
    | "isPartial"
    | "error"
    | "route"
  >
  & {
    /** Data returned by the route handler via `page()`. */
    data: Data;
    /** The wrapped page (in `_app` and layouts). */
    Component: FunctionComponent;
  };

/** Options for `app.listen()`. */
export interface ListenOptions {
  /** Port; when unset the first free one of 8000–8019 is used. */
  port?: number;
  /** Hostname, `"0.0.0.0"` by default (printed as `localhost`). */
  hostname?: string;
  /** Called instead of printing the address. */
  onListen?: (addr: Deno.NetAddr) => void;
  /** Aborting it shuts the server down. */
  signal?: AbortSignal;
}

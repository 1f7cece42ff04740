import type { Context } from "./context.ts";

/** HTTP methods a route handler object may define. */
export type Method =
  | "GET"
  | "HEAD"
  | "POST"
  | "PUT"
  | "PATCH"
  | "DELETE"
  | "OPTIONS";

/** Data and response options returned by a handler for its page to render. */
export interface PageResponse<T> {
  /** Passed to the page component as `props.data`. */
  data: T;
  /** Extra response headers. */
  headers?: HeadersInit;
  /** Response status, default 200. */
  status?: number;
}

/**
 * Create a {@link PageResponse}: return it from a handler to render the
 * route's page component with `data`.
 *
 * @example
 * ```ts
 * import { page } from "fresh";
 * export const handler = {
 *   GET: () => page({ message: "hi" }, { status: 201, headers: { "X-A": "1" } }),
 * };
 * ```
 */
export function page<T>(
  data: T,
  options?: { headers?: HeadersInit; status?: number },
): PageResponse<T>;
export function page(): PageResponse<undefined>;
export function page<T>(
  data?: T,
  options?: { headers?: HeadersInit; status?: number },
): PageResponse<T> {
  return {
    data: data ?? undefined as T,
    headers: options?.headers,
    status: options?.status,
  };
}

/**
 * A function handling a request: it returns a `Response`, or page data via
 * {@link page}.
 *
 * @example
 * ```ts
 * import type { HandlerFn } from "fresh";
 * const handler: HandlerFn<unknown, unknown> = () => new Response("ok");
 * ```
 */
export interface HandlerFn<Data, State> {
  (ctx: Context<State>):
    | Response
    | PageResponse<Data>
    | Promise<Response | PageResponse<Data>>;
}

/**
 * Handlers keyed by HTTP method. Other methods answer 405; a missing `HEAD`
 * falls back to `GET` without a body.
 *
 * @example
 * ```ts
 * import type { HandlerByMethod } from "fresh";
 * const handler: HandlerByMethod<unknown, unknown> = {
 *   GET: () => new Response("get"),
 *   POST: () => new Response("post"),
 * };
 * ```
 */
export type HandlerByMethod<Data, State> = {
  [M in Method]?: HandlerFn<Data, State>;
};

/**
 * A route's `handler` export: one function for all methods, or an object
 * keyed by method.
 *
 * @example
 * ```ts
 * import type { RouteHandler } from "fresh";
 * const handler: RouteHandler<unknown, unknown> = (ctx) => new Response(ctx.url.pathname);
 * ```
 */
export type RouteHandler<Data, State> =
  | HandlerFn<Data, State>
  | HandlerByMethod<Data, State>;

/**
 * The page data type produced by a handler.
 *
 * @example
 * ```ts
 * import type { RouteData } from "fresh";
 * type D = RouteData<() => { data: { a: number } }>; // { a: number }
 * ```
 */
export type RouteData<Handler extends RouteHandler<unknown, unknown>> =
  Handler extends RouteHandler<infer Data, unknown> ? Data : never;

/** True when `handler` is an object keyed by method. */
export function isHandlerByMethod<D, S>(
  handler: RouteHandler<D, S> | undefined,
): handler is HandlerByMethod<D, S> {
  return handler !== null && typeof handler === "object" &&
    !Array.isArray(handler);
}

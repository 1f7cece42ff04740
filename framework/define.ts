import type { AnyComponent } from "preact";
import type { HandlerByMethod, HandlerFn, RouteHandler } from "./handlers.ts";
import type { Middleware, PageProps } from "./types.ts";

/**
 * Identity helpers that type handlers, pages, layouts and middleware for one
 * app `State`. Create it once with {@link createDefine}.
 *
 * @example
 * ```tsx
 * import { createDefine, page } from "fresh";
 * const define = createDefine<{ user: string }>();
 * export const handler = define.handlers({ GET: (ctx) => page({ name: ctx.state.user }) });
 * export default define.page<typeof handler>(({ data }) => <h1>{data.name}</h1>);
 * ```
 */
export interface Define<State> {
  /** Type a route handler (function or object keyed by method); returns it unchanged. */
  handlers<
    Data,
    Handlers extends RouteHandler<Data, State> = RouteHandler<Data, State>,
  >(handlers: Handlers): typeof handlers;
  /** Type a page component; pass `typeof handler` to infer `props.data`. */
  page<
    // deno-lint-ignore no-explicit-any
    Handler extends RouteHandler<any, State> = never,
    Data = Handler extends HandlerFn<infer Data, State> ? Data
      : Handler extends HandlerByMethod<infer Data, State> ? Data
      : never,
  >(render: AnyComponent<PageProps<Data, State>>): typeof render;
  /** Type a middleware or an array of middlewares; returns it unchanged. */
  middleware<M extends Middleware<State> | Middleware<State>[]>(
    middleware: M,
  ): typeof middleware;
  /** Type a layout (or `_app`) component; returns it unchanged. */
  layout(render: AnyComponent<PageProps<unknown, State>>): typeof render;
}

/**
 * Create the {@link Define} helpers for an app state type.
 *
 * @example
 * ```ts
 * import { createDefine } from "fresh";
 * export interface State { shared: string }
 * export const define = createDefine<State>();
 * ```
 */
export function createDefine<State>(): Define<State> {
  return {
    handlers: (handlers) => handlers,
    page: (render) => render,
    layout: (render) => render,
    middleware: (middleware) => middleware,
  };
}

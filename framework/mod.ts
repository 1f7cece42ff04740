/**
 * A faithful subset of Fresh 2 (`jsr:@fresh/core`): `App`, file-system
 * routes, islands, `staticFiles()`, `createDefine()`, `page()`,
 * `HttpError`. See `framework/README.md`.
 *
 * @example
 * ```ts
 * import { App, staticFiles } from "fresh";
 * export const app = new App().use(staticFiles()).fsRoutes();
 * ```
 *
 * @module
 */
export { App } from "./app.ts";
export type { Context, Context as FreshContext } from "./context.ts";
export { createDefine, type Define } from "./define.ts";
export { HttpError } from "./error.ts";
export {
  type HandlerByMethod,
  type HandlerFn,
  type Method,
  page,
  type PageResponse,
  type RouteData,
  type RouteHandler,
} from "./handlers.ts";
export { staticFiles } from "./static_files.ts";
export type {
  FreshConfig,
  LayoutConfig,
  ListenOptions,
  Middleware,
  MiddlewareFn,
  PageProps,
  RouteConfig,
} from "./types.ts";

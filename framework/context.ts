import { type ComponentType, Fragment, h, type VNode } from "preact";
import type { FreshConfig, PageProps } from "./types.ts";
import {
  PageSlot,
  type RenderEnv,
  renderPage,
} from "./runtime/server/render.ts";
import type { BuildCache } from "./build_cache.ts";

/** Components wrapped around a page: `_app` first, then layouts outermost-first. */
export interface Wrappers {
  app: ComponentType<PageProps> | null;
  layouts: ComponentType<PageProps>[];
}

/** Internal per-request wiring set by `App`. */
export interface ContextInternals {
  env: () => RenderEnv;
  cache: BuildCache;
  wrappers: Wrappers;
}

/** Options for {@link Context.render}. */
export interface RenderOptions {
  /** Do not wrap in the route's layouts. */
  skipInheritedLayouts?: boolean;
  /** Do not wrap in `_app`. */
  skipAppWrapper?: boolean;
}

let internals: (ctx: Context<unknown>) => ContextInternals;

/**
 * The per-request object handed to middlewares, handlers and (as props)
 * page components.
 *
 * @example
 * ```ts
 * import { App } from "fresh";
 * const app = new App().get("/hi/:name", (ctx) =>
 *   new Response(`Hi ${ctx.params.name} from ${ctx.url.pathname}`));
 * ```
 */
export class Context<State> {
  /** The incoming request. */
  readonly req: Request;
  /** The parsed request URL (with `//` collapsed). */
  readonly url: URL;
  /** Connection info, e.g. `info.remoteAddr`. */
  readonly info: Deno.ServeHandlerInfo;
  /** App options. */
  readonly config: FreshConfig;
  /** URI-decoded route parameters. */
  params: Record<string, string> = {};
  /** The matched route pattern, or `null`. */
  route: string | null = null;
  /** Per-request state shared by middlewares and pages. */
  state: State = {} as State;
  /** The error being rendered (in `_error` pages), else `null`. */
  error: unknown = null;
  /** Page data from the handler, once known. */
  data: unknown = undefined;
  /** Always `false`: partials are not implemented. */
  readonly isPartial = false;
  /** Run the rest of the middleware chain. */
  next: () => Promise<Response> = () => Promise.reject(new Error("no next"));
  // `State` in a parameter position, as in Fresh's `#internal` (its `app`
  // component takes `PageProps<unknown, State>`): `Context<State>` is then
  // invariant in `State`, so a middleware typed for `Context<unknown>` is
  // not accepted where a `Middleware<State>` is — as with real Fresh's types.
  #internals: ContextInternals & { readonly forState?: (state: State) => void };

  static {
    internals = (ctx) => ctx.#internals;
  }

  /** @internal Created by `App`. */
  constructor(
    req: Request,
    url: URL,
    info: Deno.ServeHandlerInfo,
    config: FreshConfig,
    internal: ContextInternals,
  ) {
    this.req = req;
    this.url = url;
    this.info = info;
    this.config = config;
    this.#internals = internal;
  }

  /**
   * Render JSX to an HTML response, wrapped in the route's layouts and
   * `_app`, with island markers and (only if needed) the boot script.
   *
   * @example
   * ```tsx
   * app.get("/", (ctx) => ctx.render(<h1>Hello</h1>, { status: 200 }));
   * ```
   */
  async render(
    vnode: VNode | null,
    init: ResponseInit = {},
    opts: RenderOptions = {},
  ): Promise<Response> {
    const { app, layouts } = this.#internals.wrappers;
    const props = pageProps(this);
    let tree: VNode = vnode ?? h(Fragment, null);
    const chain = opts.skipInheritedLayouts ? [] : layouts;
    for (let i = chain.length - 1; i >= 0; i--) {
      const inner = tree;
      const Component = () => inner;
      const out = await callComponent(chain[i], { ...props, Component });
      if (out instanceof Response) return out;
      tree = out;
    }
    // As Fresh: the page renders first, then `_app` around it (so the
    // page's <Head> tags can replace the app's).
    let wrapper: VNode | null = null;
    if (app && !opts.skipAppWrapper) {
      const out = await callComponent(app, { ...props, Component: PageSlot });
      if (out instanceof Response) return out;
      wrapper = out;
    }
    const { html, preload } = renderPage(tree, this.#internals.env(), {
      app: wrapper,
      url: this.url,
    });
    const headers = new Headers(init.headers);
    if (!headers.has("Content-Type")) {
      headers.set("Content-Type", "text/html; charset=utf-8");
    }
    if (preload.length) {
      headers.append(
        "Link",
        preload.map((u) => `<${u}>; rel="modulepreload"; as="script"`).join(
          ", ",
        ),
      );
    }
    return new Response(html, { ...init, headers });
  }

  /**
   * Redirect (302 by default). Protocol-relative targets are made local to
   * prevent open redirects.
   *
   * @example
   * ```ts
   * app.post("/login", (ctx) => ctx.redirect("/dashboard", 303));
   * ```
   */
  redirect(pathOrUrl: string, status = 302): Response {
    let location = pathOrUrl;
    // Prevent open redirect attacks: "//evil.com" would leave the site.
    if (location.startsWith("//")) {
      location = "/" + location.replace(/^\/+/, "");
    }
    return new Response(null, { status, headers: { Location: location } });
  }

  /**
   * Plain-text response.
   *
   * @example
   * ```ts
   * app.get("/ping", (ctx) => ctx.text("pong"));
   * ```
   */
  text(body: string, init?: ResponseInit): Response {
    return withType(body, "text/plain; charset=utf-8", init);
  }

  /**
   * HTML string response.
   *
   * @example
   * ```ts
   * app.get("/raw", (ctx) => ctx.html("<p>raw</p>"));
   * ```
   */
  html(body: string, init?: ResponseInit): Response {
    return withType(body, "text/html; charset=utf-8", init);
  }

  /**
   * JSON response.
   *
   * @example
   * ```ts
   * app.get("/api", (ctx) => ctx.json({ ok: true }));
   * ```
   */
  json(body: unknown, init?: ResponseInit): Response {
    return withType(JSON.stringify(body), "application/json", init);
  }
}

function withType(body: string, type: string, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  if (!headers.has("Content-Type")) headers.set("Content-Type", type);
  return new Response(body, { ...init, headers });
}

/** @internal Access the wiring of a context (used by `App`, `staticFiles`). */
export function getInternals<S>(ctx: Context<S>): ContextInternals {
  return internals(ctx as unknown as Context<unknown>);
}

/** @internal Props for page-like components built from a context. */
export function pageProps<S>(
  ctx: Context<S>,
): Omit<PageProps<unknown, S>, "Component"> {
  return {
    config: ctx.config,
    url: ctx.url,
    req: ctx.req,
    params: ctx.params,
    info: ctx.info,
    state: ctx.state,
    isPartial: ctx.isPartial,
    error: ctx.error,
    route: ctx.route,
    data: ctx.data,
  };
}

/**
 * @internal Call async components directly (Preact cannot render them);
 * sync ones become vnodes so hooks keep working.
 */
export async function callComponent(
  // deno-lint-ignore no-explicit-any
  C: ComponentType<any>,
  props: Record<string, unknown>,
): Promise<VNode | Response> {
  if (C.constructor.name === "AsyncFunction") {
    // deno-lint-ignore no-explicit-any
    return await (C as any)(props) ?? h(Fragment, null);
  }
  return h(C, props);
}

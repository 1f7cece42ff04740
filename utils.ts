/**
 * @module
 * The app's request state and its typed `define` helpers.
 */
import { createDefine } from "fresh";
import type { Services } from "./lib/services.ts";
import type { HostedApp } from "./http/apps/hosted_app.ts";

/** Per-request state, filled by the site middleware (`http/site.tsx`) and a mounted app's routes. */
export interface State {
  services: Services;
  /** The caller's key for rate limits and caps (its address). */
  client: string;
  /** Every hosted Blocks app (for index pages and `/embed`). */
  apps: readonly HostedApp[];
  /** The Blocks app this request is for, set by its mounted routes. */
  hosted?: HostedApp;
  /** CSP `frame-ancestors` for this response (default `'self'`). */
  frameAncestors?: string;
}

/** Typed `define.page`, `define.handlers`, `define.middleware`. */
export const define = createDefine<State>();

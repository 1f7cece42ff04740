/**
 * @module
 * The app's request state and its typed `define` helpers.
 */
import { createDefine } from "fresh";
import type { Services } from "./lib/services.ts";

/** Per-request state, filled by `routes/_middleware.ts`. */
export interface State {
  services: Services;
  /** CSP `frame-ancestors` value for this response. */
  frameAncestors: string;
}

/** Typed `define.page`, `define.handlers`, `define.middleware`. */
export const define = createDefine<State>();

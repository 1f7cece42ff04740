/**
 * Build tooling (`fresh/dev`): the {@link Builder}.
 *
 * @example
 * ```ts
 * import { Builder } from "fresh/dev";
 * await new Builder().build();
 * ```
 *
 * @module
 */
export { type BuilderOptions, type BuildResult, Builder } from "./builder.ts";

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
export { Builder, type BuilderOptions, type BuildResult } from "./builder.ts";

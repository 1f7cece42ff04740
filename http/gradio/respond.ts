/**
 * @module
 * What every Gradio route handler shares: its hosted app, the app's root URL
 * for absolute links, JSON answers and bounded JSON bodies. Errors are thrown
 * as `UserFacingError`s; the site middleware renders them as FastAPI's
 * `{"detail": "..."}`, as Gradio answers.
 */
import type { Context } from "fresh";
import { UserFacingError } from "../../lib/errors.ts";
import type { State } from "../../utils.ts";
import type { HostedApp } from "../apps/hosted_app.ts";
import { publicOrigin, readBody } from "../request.ts";

/** The hosted app a Gradio route serves (set by its mounted routes). */
export function hostedOf(ctx: Context<State>): HostedApp {
  return ctx.state.hosted!;
}

/**
 * The app's root URL for Gradio's `root` and FileData `url`s: absolute when
 * the origin is trusted (`PUBLIC_URL`, `ALLOWED_HOSTS`), else the path alone.
 */
export function appRoot(ctx: Context<State>): string {
  const origin = publicOrigin(ctx.req, ctx.state.services.settings);
  return `${origin ?? ""}${hostedOf(ctx).path}`;
}

/** A JSON answer that is never cached. */
export function json(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return Response.json(body, {
    status,
    headers: { "Cache-Control": "no-store", ...headers },
  });
}

/** Reads a JSON body of at most `limit` bytes; 413/400/408 otherwise. */
export async function readJson(
  ctx: Context<State>,
  limit = 4 * 1024 * 1024,
): Promise<unknown> {
  const bytes = await readBody(ctx.req, { limit, client: ctx.state.client });
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new UserFacingError(
      400,
      "bad_json",
      "The request body must be valid JSON.",
    );
  }
}

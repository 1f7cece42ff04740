/**
 * @module
 * `GET {P}/api-docs`: the app's "Use via API" page (`P/?view=api` redirects
 * here), server-rendered without any script.
 */
import type { Context } from "fresh";
import { renderToString } from "preact-render-to-string";
import { endpointModels } from "../../lib/gradio/api_info.ts";
import { snippets } from "../../lib/gradio/snippets.ts";
import { ApiDocs } from "../../components/gradio/ApiDocs.tsx";
import type { State } from "../../utils.ts";
import { appRoot, hostedOf } from "./respond.ts";

/**
 * Renders the page.
 *
 * @example
 * ```ts
 * // curl http://localhost:8000/demos/greet/api-docs → HTML with snippets for /greet
 * ```
 */
export function getApiDocs(ctx: Context<State>): Response {
  const hosted = hostedOf(ctx);
  const host = hosted.gradio;
  const root = appRoot(ctx);
  const models = endpointModels(host.app);
  const endpoints = host.endpoints.filter((e) => !e.alias).map((e) => ({
    name: e.name,
    model: models.get(e.name)!,
    snippets: snippets(root, e.name, models.get(e.name)!),
    aliases: host.endpoints.filter((a) => a.alias && a.dep === e.dep).map((a) =>
      a.name
    ),
  }));
  const origin = root.slice(0, root.length - host.path.length);
  const restApi = host.path === ""
    ? {
      openApiHref: "/openapi.json",
      curl: [
        `curl -F image=@photo.jpg ${origin}/api/segment`,
        `curl -F image=@photo.jpg -H 'Accept: image/png' ${origin}/api/segment > mask.png`,
      ].join("\n"),
    }
    : undefined;
  const html = renderToString(
    <ApiDocs
      title={host.app.title}
      appHref={host.path || "/"}
      root={root}
      endpoints={endpoints}
      restApi={restApi}
    />,
  );
  return new Response(`<!DOCTYPE html>${html}`, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-cache",
    },
  });
}

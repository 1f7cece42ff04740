/**
 * @module
 * One hosted Blocks app as a Fresh sub-app, mounted at its path with
 * `app.mountApp(path, appRoutes(hosted, page))`. Every route of the app is
 * declared here, in one router — a reader finds where a request goes in one
 * look:
 *
 * | route (below the app's path)           | handler                         |
 * | -------------------------------------- | ------------------------------- |
 * | `GET /` (`?view=api` → `/api-docs`)    | the page (`page` argument)      |
 * | `GET /api-docs`                        | `http/gradio/api_docs.tsx`      |
 * | `GET /api`, `POST /api/<fn>`, `/api/_fn/<id>` | `http/apps/kit.ts`       |
 * | `POST /upload`, `GET /file/<id>`       | `http/apps/kit.ts`              |
 * | `GET /config`, `/gradio_api/*`         | `http/gradio/*.ts`              |
 * | `GET /theme.css`                       | `http/gradio/theme.ts`          |
 * | `GET,POST /gradio_api/upload_progress` | `http/gradio/upload_progress.ts` |
 *
 * Each route first puts the app into `ctx.state.hosted`.
 */
import { App, type Context } from "fresh";
import type { State } from "../../utils.ts";
import type { HostedApp } from "./hosted_app.ts";
import { byMethod } from "./methods.ts";
import { kitApiDoc, kitCall, kitFile, kitUpload } from "./kit.ts";
import { getApiDocs } from "../gradio/api_docs.tsx";
import { getAppId, getConfig } from "../gradio/config.ts";
import { getInfo } from "../gradio/info.ts";
import { postUpload } from "../gradio/upload.ts";
import { getFile } from "../gradio/file.ts";
import { postQueueJoin } from "../gradio/queue_join.ts";
import { getQueueData } from "../gradio/queue_data.ts";
import { getCallResult, postCall } from "../gradio/call.ts";
import { postRun } from "../gradio/run.ts";
import { getHeartbeat, postCancel, postReset } from "../gradio/session.ts";
import { getThemeCss } from "../gradio/theme.ts";
import { getUploadProgress, trackUpload } from "../gradio/upload_progress.ts";
import { API_PREFIX } from "../../lib/gradio/app_config.ts";
import { UserFacingError } from "../../lib/errors.ts";

type Handler = (ctx: Context<State>) => Response | Promise<Response>;

/**
 * The app's routes. `page` renders its page (the pet app's own page, or the
 * kit's generic one).
 *
 * @example
 * ```ts
 * app.mountApp("/demos/greet", appRoutes(hosted, (ctx) => ctx.render(<BlocksPage … />)));
 * ```
 */
export function appRoutes(hosted: HostedApp, page: Handler): App<State> {
  const sub = new App<State>();
  const withApp = (ctx: Context<State>) => {
    ctx.state.hosted = hosted;
    return ctx.next();
  };
  const route = (path: string, handler: Handler) =>
    sub.all(path, withApp, handler);
  const g = (rest: string) => `${API_PREFIX}${rest}`;

  route(
    "/",
    byMethod({
      GET: (ctx) =>
        ctx.url.searchParams.get("view") === "api"
          ? new Response(null, {
            status: 302,
            headers: { Location: `${hosted.path}/api-docs` },
          })
          : page(ctx),
    }),
  );
  route("/api-docs", byMethod({ GET: getApiDocs }));

  // The kit's JSON API, one route per exposed name (never a catch-all, so
  // the site's own /api/… routes stay reachable next to the root app's).
  route("/api", byMethod({ GET: kitApiDoc }));
  for (const dep of hosted.app.dependencies) {
    const call = byMethod({ POST: kitCall(dep) });
    route(`/api/_fn/${dep.id}`, call);
    if (dep.apiName === null) continue;
    for (const name of [dep.apiName, ...dep.aliases]) {
      route(`/api/${name}`, call);
    }
  }
  route("/upload", byMethod({ POST: kitUpload }));
  route("/file/:rand/:name", byMethod({ GET: kitFile }));

  // Gradio's protocol.
  route("/config", byMethod({ GET: getConfig }));
  route(g("/info"), byMethod({ GET: getInfo }));
  route(g("/app_id"), byMethod({ GET: getAppId }));
  route(g("/upload"), byMethod({ POST: trackUpload(postUpload) }));
  route(g("/:target(file=.+)"), byMethod({ GET: getFile }));
  route(g("/queue/join"), byMethod({ POST: postQueueJoin }));
  route(g("/queue/data"), byMethod({ GET: getQueueData }));
  route(g("/call/:name"), byMethod({ POST: postCall }));
  route(g("/call/:name/:event"), byMethod({ GET: getCallResult }));
  route(g("/run/:name"), byMethod({ POST: postRun }));
  route(g("/heartbeat/:session"), byMethod({ GET: getHeartbeat }));
  route(g("/cancel"), byMethod({ POST: postCancel }));
  route(g("/reset"), byMethod({ POST: postReset }));
  route("/theme.css", byMethod({ GET: getThemeCss }));
  route(
    g("/upload_progress"),
    byMethod({ GET: getUploadProgress, POST: getUploadProgress }),
  );
  route(g("/*"), () => {
    throw new UserFacingError(404, "not_found", "Not Found");
  });
  return sub;
}

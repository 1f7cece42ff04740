import { define } from "../utils.ts";
import { openApiDocument } from "../http/openapi.ts";
import { publicOrigin } from "../http/request.ts";

/** `GET /openapi.json`: the plain REST API (`/api/segment` and friends) as OpenAPI 3.1. */
export const handler = define.handlers({
  GET(ctx) {
    const { settings } = ctx.state.services;
    const doc = openApiDocument({
      maxBodyBytes: settings.maxBodyBytes,
      maxPixels: settings.maxPixels,
      serverUrl: publicOrigin(ctx.req, settings) ?? "/",
      shareTtlHours: Math.round(settings.shareTtlMs / 3_600_000),
    });
    return Response.json(doc, {
      headers: {
        "Cache-Control": "no-cache",
        "Access-Control-Allow-Origin": "*",
      },
    });
  },
});

import { define } from "../utils.ts";
import { openApiDocument } from "../http/openapi.ts";
import { publicOrigin } from "../http/segment_api.ts";

/** `GET /openapi.json`: the plain REST API (`/api/segment` and friends) as OpenAPI 3.1. */
export const handler = define.handlers({
  GET(ctx) {
    const { config } = ctx.state.services;
    const doc = openApiDocument({
      maxBodyBytes: config.maxBodyBytes,
      maxPixels: config.maxPixels,
      serverUrl: publicOrigin(ctx.req, config.publicUrl),
      shareTtlHours: Math.round(config.shareTtlMs / 3_600_000),
    });
    return Response.json(doc, {
      headers: {
        "Cache-Control": "no-cache",
        "Access-Control-Allow-Origin": "*",
      },
    });
  },
});

import { define } from "../../utils.ts";
import { handleSegment } from "../../http/segment_api.ts";

/** `POST /api/segment`: see README § HTTP API. */
export const handler = define.handlers({
  POST(ctx) {
    const client =
      (ctx.info?.remoteAddr as Deno.NetAddr | undefined)?.hostname ?? "unknown";
    return handleSegment(ctx.req, ctx.state.services, client);
  },
});

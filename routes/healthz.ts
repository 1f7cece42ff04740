import { define } from "../utils.ts";

/** `GET /healthz`: 200 once the model is loaded, 503 before (for load balancers and tests). */
export const handler = define.handlers({
  async GET(ctx) {
    const { segmenter } = ctx.state.services;
    const ready = await Promise.race([
      segmenter.ready().then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), 50)),
    ]);
    return Response.json(
      { status: ready ? "ok" : "starting", queued: segmenter.queued },
      { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
    );
  },
});

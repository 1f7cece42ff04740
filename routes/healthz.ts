import { define } from "../utils.ts";
import { MODEL_LANE } from "../lib/jobs/scheduler.ts";

/** `GET /healthz`: 200 once the model is loaded, 503 before or after a failed load; never starts a load itself. */
export const handler = define.handlers({
  GET(ctx) {
    const { segmenter, scheduler } = ctx.state.services;
    const state = segmenter.state;
    return Response.json(
      {
        status: state === "ready" ? "ok" : state,
        queued: scheduler.waiting(MODEL_LANE),
        mode: segmenter.mode,
        threads: segmenter.threads,
      },
      {
        status: state === "ready" ? 200 : 503,
        headers: { "Cache-Control": "no-store" },
      },
    );
  },
});

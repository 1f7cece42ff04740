import { HttpError } from "fresh";
import { define } from "../../../utils.ts";
import { shareHttpError } from "../../../http/share_errors.ts";

const FILES: Record<
  string,
  { type: string; pick: "mask" | "photo" | "overlay" }
> = {
  "mask.png": { type: "image/png", pick: "mask" },
  "photo.jpg": { type: "image/jpeg", pick: "photo" },
  "overlay.jpg": { type: "image/jpeg", pick: "overlay" },
};

/** `/s/:id/mask.png` and `/s/:id/photo.jpg`: the shared images. */
export const handler = define.handlers({
  async GET(ctx) {
    const file = FILES[ctx.params.file];
    if (!file) throw new HttpError(404);
    let rec;
    try {
      rec = await ctx.state.services.shares.get(ctx.params.id);
    } catch (err) {
      throw shareHttpError(err);
    }
    return new Response(rec[file.pick] as BodyInit, {
      headers: {
        "Content-Type": file.type,
        "Cache-Control": "private, max-age=300",
        "X-Robots-Tag": "noindex",
        "Content-Disposition": `inline; filename="${
          file.pick === "mask" ? "pet-mask.png" : "photo.jpg"
        }"`,
      },
    });
  },
});

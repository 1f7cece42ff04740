import { HttpError } from "fresh";
import { define } from "../../../utils.ts";
import { SHARE_FILES } from "../../../lib/share/files.ts";

/** `/s/:id/mask.png`, `photo.jpg` and `overlay.jpg`: the shared images. */
export const handler = define.handlers({
  async GET(ctx) {
    const file = Object.hasOwn(SHARE_FILES, ctx.params.file)
      ? SHARE_FILES[ctx.params.file]
      : undefined;
    if (!file) throw new HttpError(404);
    const rec = await ctx.state.services.shares.get(ctx.params.id);
    return new Response(rec[file.pick] as BodyInit, {
      headers: {
        "Content-Type": file.type,
        "Cache-Control": "private, max-age=300",
        "X-Robots-Tag": "noindex",
        "Content-Disposition": `inline; filename="${file.filename}"`,
      },
    });
  },
});

import { define, type State } from "../../../utils.ts";
import { byMethod } from "../../../http/apps/methods.ts";
import { UserFacingError } from "../../../lib/errors.ts";

/** `DELETE /api/share/:id` with the creator's token (`?token=` or `Authorization: Bearer`). */
export const handler = define.handlers(byMethod<State>({
  async DELETE(ctx) {
    const auth = ctx.req.headers.get("authorization")?.match(
      /^Bearer\s+(\S+)$/i,
    )?.[1];
    const token = auth ?? ctx.url.searchParams.get("token");
    if (!token) {
      throw new UserFacingError(
        401,
        "missing_token",
        "Send the delete token you got when the link was created.",
      );
    }
    await ctx.state.services.shares.delete(ctx.params.id, token);
    return new Response(null, { status: 204 });
  },
}));

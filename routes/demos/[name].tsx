import { HttpError, page } from "fresh";
import { define } from "../../utils.ts";
import { mountedAppOf } from "../../http/blocks/middleware.ts";
import { BlocksPage } from "../../components/blocks/BlocksPage.tsx";

/** `/demos/:name`: a Blocks demo declared in `apps/`; 404 for unknown names. */
export const handler = define.handlers({
  GET(ctx) {
    const mounted = mountedAppOf(ctx.req);
    if (!mounted) throw new HttpError(404);
    return page({ mounted });
  },
});

export default define.page<typeof handler>(function Demo({ data }) {
  return <BlocksPage app={data.mounted.app} root={data.mounted.path} />;
});

import { Head } from "fresh/runtime";
import { HttpError, page } from "fresh";
import { define } from "../utils.ts";
import { EXAMPLES } from "../components/examples.ts";
import { PetApp } from "../components/PetApp.tsx";

/** Framing this page is what it is for; `FRAME_ANCESTORS` decides who may. */
export const handler = define.handlers({
  GET(ctx) {
    ctx.state.frameAncestors = ctx.state.services.settings.embedFrameAncestors;
    return page();
  },
});

/** `/embed`: the app without page chrome, for iframes (see static/embed.js). */
export default define.page<typeof handler>(function Embed({ state }) {
  const hosted = state.apps.find((m) => m.path === "");
  if (!hosted) throw new HttpError(404);
  return (
    <>
      <Head>
        <title>Pet Image Segmentation</title>
        <link key="blocks-css" rel="stylesheet" href="/blocks.css" />
      </Head>
      <main class="container embed">
        <PetApp
          app={hosted.app}
          root={hosted.path}
          examples={EXAMPLES}
          maxBytes={state.services.settings.maxBodyBytes}
          embed
        />
        <p class="muted small powered">
          <a href="/" target="_blank" rel="noopener" aria-current="false">
            Pet Image Segmentation
          </a>{" "}
          · Oxford-IIIT Pet (CC BY-SA 4.0)
        </p>
      </main>
    </>
  );
});

import { Head } from "fresh/runtime";
import { HttpError } from "fresh";
import { define } from "../utils.ts";
import { EXAMPLES } from "../components/examples.ts";
import { PetApp } from "../components/PetApp.tsx";
import { mountedAppsOf } from "../http/blocks/middleware.ts";

/** `/embed`: the app without page chrome, for iframes (see static/embed.js). */
export default define.page(function Embed({ state, req }) {
  const mounted = mountedAppsOf(req).find((m) => m.path === "");
  if (!mounted) throw new HttpError(404);
  return (
    <>
      <Head>
        <title>Pet Image Segmentation</title>
        <link rel="stylesheet" href="/blocks.css" />
      </Head>
      <main class="container embed">
        <PetApp
          app={mounted.app}
          root={mounted.path}
          examples={EXAMPLES}
          maxBytes={state.services.config.maxBodyBytes}
          embed
        />
        <p class="muted small powered">
          <a href="/" target="_blank" rel="noopener">Pet Image Segmentation</a>
          {" "}
          · Oxford-IIIT Pet (CC BY-SA 4.0)
        </p>
      </main>
    </>
  );
});

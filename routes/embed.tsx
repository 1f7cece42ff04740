import { Head } from "fresh/runtime";
import { define } from "../utils.ts";
import SegmentApp from "../islands/SegmentApp.tsx";
import { EXAMPLES } from "../components/examples.ts";

/** `/embed`: the app without page chrome, for iframes (see static/embed.js). */
export default define.page(function Embed({ state }) {
  return (
    <>
      <Head>
        <title>Pet Image Segmentation</title>
      </Head>
      <main class="container embed">
        <SegmentApp
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

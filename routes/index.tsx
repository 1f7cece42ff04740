import { Head } from "fresh/runtime";
import { define } from "../utils.ts";
import SegmentApp from "../islands/SegmentApp.tsx";
import { Footer } from "../components/Footer.tsx";
import { EXAMPLES } from "../components/examples.ts";

/** `/`: the seed's Pet Image Segmentation page. */
export default define.page(function Home({ state }) {
  return (
    <>
      <Head>
        <title>Pet Image Segmentation</title>
        <meta
          name="description"
          content="Upload a pet photo and get a pet / background / border mask, computed by a U-Net."
        />
      </Head>
      <main class="container">
        <header class="header">
          <h1>Pet Image Segmentation</h1>
          <p class="muted">
            Upload a photo of a cat or dog, press{" "}
            <strong>Process Image</strong>, and get a mask: black pet, gray
            background, white border.
          </p>
        </header>
        <SegmentApp
          examples={EXAMPLES}
          maxBytes={state.services.config.maxBodyBytes}
        />
        <Footer />
      </main>
    </>
  );
});

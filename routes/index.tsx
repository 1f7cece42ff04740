import { Head } from "fresh/runtime";
import { HttpError } from "fresh";
import { define } from "../utils.ts";
import { Footer } from "../components/Footer.tsx";
import { EXAMPLES } from "../components/examples.ts";
import { PetApp } from "../components/PetApp.tsx";
import { mountedAppOf } from "../http/blocks/middleware.ts";

/** `/`: the seed's Pet Image Segmentation app, rendered by the Blocks kit from `apps/pet_segmentation.ts`. */
export default define.page(function Home({ state, req }) {
  const mounted = mountedAppOf(req);
  if (!mounted) throw new HttpError(404);
  return (
    <>
      <Head>
        <title>Pet Image Segmentation</title>
        <meta
          name="description"
          content="Upload a pet photo and get a pet / background / border mask, computed by a U-Net."
        />
        <link rel="stylesheet" href="/blocks.css" />
      </Head>
      <main class="container">
        <PetApp
          app={mounted.app}
          root={mounted.path}
          examples={EXAMPLES}
          maxBytes={state.services.config.maxBodyBytes}
        />
        <Footer />
      </main>
    </>
  );
});

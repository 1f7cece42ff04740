/**
 * @module
 * The page each hosted app shows at its path: the pet app at the site root
 * gets its own page (the kit's widgets plus upload preparation, examples,
 * overlay and share); every other app the kit's generic page.
 */
import type { Context } from "fresh";
import { asset, Head } from "fresh/runtime";
import type { State } from "../../utils.ts";
import { BlocksPage } from "../../components/blocks/BlocksPage.tsx";
import { Footer } from "../../components/Footer.tsx";
import { EXAMPLES } from "../../components/examples.ts";
import { PetApp } from "../../components/PetApp.tsx";
import type { HostedApp } from "./hosted_app.ts";

/** The page handler of `hosted`. */
export function appPage(hosted: HostedApp) {
  if (hosted.path !== "") {
    return (ctx: Context<State>) =>
      ctx.render(<BlocksPage app={hosted.app} root={hosted.path} />);
  }
  return (ctx: Context<State>) =>
    ctx.render(
      <>
        <Head>
          <title>Pet Image Segmentation</title>
          <meta
            name="description"
            content="Upload a pet photo and get a pet / background / border mask, computed by a U-Net."
          />
          <link key="blocks-css" rel="stylesheet" href={asset("/blocks.css")} />
        </Head>
        <main class="container">
          <PetApp
            app={hosted.app}
            root={hosted.path}
            examples={EXAMPLES}
            maxBytes={ctx.state.services.settings.maxBodyBytes}
          />
          <Footer />
        </main>
      </>,
    );
}

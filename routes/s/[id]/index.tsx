import { page } from "fresh";
import { Head } from "fresh/runtime";
import { define } from "../../../utils.ts";
import { publicOrigin } from "../../../http/request.ts";

/** `/s/:id`: a shared result with photo, mask, overlay and Open Graph tags. */
export const handler = define.handlers({
  async GET(ctx) {
    const { shares, settings } = ctx.state.services;
    const rec = await shares.get(ctx.params.id);
    const { mask: _m, photo: _p, overlay: _o, deleteTokenHash: _d, ...info } =
      rec;
    // Absolute only when the origin is trusted (a forged Host never lands in og:url).
    const origin = publicOrigin(ctx.req, settings);
    const base = `/s/${rec.id}`;
    return page({ ...info, base, absolute: origin && `${origin}${base}` }, {
      headers: { "X-Robots-Tag": "noindex", "Cache-Control": "no-cache" },
    });
  },
});

export default define.page<typeof handler>(function SharePage({ data }) {
  const pet = data.classes.find((c) => c.name === "pet");
  const seconds = (data.timing.totalMs / 1000).toFixed(2);
  const desc = `Pet segmentation of a ${data.width}×${data.height} photo${
    pet ? `: the pet covers ${(pet.fraction * 100).toFixed(0)}% of it` : ""
  }.`;
  return (
    <>
      <Head>
        <title>Shared pet segmentation</title>
        <meta name="robots" content="noindex" />
        <meta name="description" content={desc} />
        <meta property="og:type" content="website" />
        <meta property="og:title" content="Pet segmentation result" />
        <meta property="og:description" content={desc} />
        {data.absolute && <meta property="og:url" content={data.absolute} />}
        {data.absolute && (
          <meta property="og:image" content={`${data.absolute}/overlay.jpg`} />
        )}
        <meta property="og:image:width" content={String(data.photoWidth)} />
        <meta property="og:image:height" content={String(data.photoHeight)} />
        <meta name="twitter:card" content="summary_large_image" />
      </Head>
      <main class="container">
        <header class="header">
          <h1>Shared pet segmentation</h1>
          <p class="muted">
            {data.width}×{data.height} photo · Processing time: {seconds}{" "}
            seconds · link expires{" "}
            <time dateTime={new Date(data.expiresAt).toISOString()}>
              {new Date(data.expiresAt).toUTCString()}
            </time>
          </p>
        </header>
        <div class="row share-grid">
          <figure class="panel">
            <figcaption class="label">Photo</figcaption>
            <img
              src={`${data.base}/photo.jpg`}
              alt="The shared photo"
              width={data.photoWidth}
              height={data.photoHeight}
            />
          </figure>
          <figure class="panel">
            <figcaption class="label">Mask</figcaption>
            <img
              src={`${data.base}/mask.png`}
              alt="Segmentation mask: black pet, gray background, white border"
              width={data.photoWidth}
              height={data.photoHeight}
            />
          </figure>
          <figure class="panel">
            <figcaption class="label">Overlay</figcaption>
            <img
              src={`${data.base}/overlay.jpg`}
              alt="The mask drawn over the photo: pet tinted orange, border yellow"
              width={data.photoWidth}
              height={data.photoHeight}
            />
          </figure>
        </div>
        <ul class="classes">
          {data.classes.map((c) => (
            <li key={c.name}>
              <span class={`swatch v${c.value}`} /> {c.name}:{" "}
              {(c.fraction * 100).toFixed(1)}%
            </li>
          ))}
        </ul>
        <p>
          <a class="btn" href={`${data.base}/mask.png`} download="pet-mask.png">
            Download mask PNG
          </a>{" "}
          <a class="btn primary" href="/" aria-current="false">
            Segment your own photo
          </a>
        </p>
      </main>
    </>
  );
});

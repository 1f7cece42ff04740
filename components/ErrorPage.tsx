import { Head } from "fresh/runtime";
import type { UserFacingError } from "../lib/errors.ts";

/** Titles for the statuses people meet most. */
const TITLES: Record<number, string> = {
  400: "This request could not be read",
  404: "Page not found",
  405: "Not available here",
  410: "Link expired",
  429: "Too many requests",
  503: "Busy right now",
};

/**
 * Error page body: a title for the status, the error table's sentence and a
 * way back.
 *
 * @example
 * ```tsx
 * ctx.render(<ErrorPage error={toUserFacing(err)} />, { status: 404 });
 * ```
 */
export function ErrorPage({ error }: { error: UserFacingError }) {
  const title = TITLES[error.status] ?? "Something went wrong";
  return (
    <>
      <Head>
        <title>{title}</title>
        <meta name="robots" content="noindex" />
      </Head>
      <main class="container narrow">
        <h1>{title}</h1>
        <p>{error.message}</p>
        <p>
          <a class="btn primary" href="/" aria-current="false">
            Segment a photo
          </a>
        </p>
      </main>
    </>
  );
}

import { HttpError } from "fresh";
import { Head } from "fresh/runtime";

/** Error page body: a plain sentence and a way back. */
export function ErrorPage({ error }: { error: unknown }) {
  const status = error instanceof HttpError ? error.status : 500;
  const title = status === 404
    ? "Page not found"
    : status === 410
    ? "Link expired"
    : "Something went wrong";
  // A bare HttpError carries only the status text; a specific message is worth showing.
  const own = error instanceof HttpError && error.message &&
      !/^[A-Z][a-z]+( [A-Za-z]+)*$/.test(error.message)
    ? error.message
    : undefined;
  const text = own ??
    (status === 404
      ? "There is nothing at this address."
      : "Please try again in a moment.");
  return (
    <>
      <Head>
        <title>{title}</title>
        <meta name="robots" content="noindex" />
      </Head>
      <main class="container narrow">
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <a class="btn primary" href="/">Segment a photo</a>
        </p>
      </main>
    </>
  );
}

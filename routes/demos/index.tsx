import { Head } from "fresh/runtime";
import { define } from "../../utils.ts";

/** `/demos`: links to every Blocks demo. */
export default define.page(function Demos({ state }) {
  const demos = state.apps.filter((m) => m.path.startsWith("/demos/"));
  return (
    <>
      <Head>
        <title>Blocks demos</title>
        <link key="blocks-css" rel="stylesheet" href="/blocks.css" />
      </Head>
      <main class="bk-page">
        <h1>Blocks demos</h1>
        <p>
          Each demo is one short declaration in{" "}
          <code>apps/</code>: the page, its islands and its JSON API come from
          it.
        </p>
        <ul>
          {demos.map((m) => (
            <li key={m.path}>
              <a href={m.path}>{m.app.title}</a> — <code>{m.path}</code>
            </li>
          ))}
        </ul>
        <p>
          <a href="/" aria-current="false">Pet segmentation</a>
        </p>
      </main>
    </>
  );
});

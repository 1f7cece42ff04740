/**
 * @module
 * The "Use via API" page of one app (Gradio's `?view=api`): per endpoint,
 * its parameters and return values and ready-to-run snippets for
 * `@gradio/client`, `gradio_client` and cURL. Static HTML, no script.
 */
import type { ApiValueModel, EndpointModel } from "../../lib/gradio/wire.ts";
import type { Snippets } from "../../lib/gradio/snippets.ts";
import { Document } from "../Document.tsx";

/** Props of {@link ApiDocs}. */
export interface ApiDocsProps {
  title: string;
  /** Where the app itself lives (link back). */
  appHref: string;
  /** Absolute URL of the app. */
  root: string;
  endpoints: {
    name: string;
    model: EndpointModel;
    snippets: Snippets;
    aliases: string[];
  }[];
  /** Shown for the site's main app: the plain REST API. */
  restApi?: { curl: string; openApiHref: string };
}

/**
 * Renders the whole document.
 *
 * @example
 * ```tsx
 * renderToString(<ApiDocs title="Greet" appHref="/demos/greet" root="http://x/demos/greet" endpoints={[]} />);
 * ```
 */
export function ApiDocs(p: ApiDocsProps) {
  return (
    <Document title={`Use via API · ${p.title}`}>
      <main class="container api-docs">
        <p>
          <a href={p.appHref}>← Back to {p.title}</a>
        </p>
        <h1>Use via API</h1>
        <p>
          This app speaks Gradio's HTTP protocol: connect with{" "}
          <a href="https://www.npmjs.com/package/@gradio/client">
            @gradio/client
          </a>{" "}
          (JavaScript),{" "}
          <a href="https://pypi.org/project/gradio-client/">gradio_client</a>
          {" "}
          (Python) or plain cURL. {p.endpoints.length}{" "}
          API endpoint{p.endpoints.length === 1 ? "" : "s"}. Files go through
          {" "}
          <code>{p.root}/gradio_api/upload</code>{" "}
          first; the server never fetches URLs you give it.
        </p>
        {p.endpoints.map((e) => <EndpointDocs key={e.name} {...e} />)}
        {p.restApi && (
          <section class="api-endpoint">
            <h2>Plain REST API</h2>
            <p>
              Without a Gradio client: <code>POST /api/segment</code>{" "}
              takes the photo (multipart field <code>image</code> or raw{" "}
              <code>image/*</code> bytes) and answers JSON, or the mask PNG with
              {" "}
              <code>Accept: image/png</code>. Described by the OpenAPI document
              {" "}
              <a href={p.restApi.openApiHref}>{p.restApi.openApiHref}</a>.
            </p>
            <pre><code>{p.restApi.curl}</code></pre>
          </section>
        )}
      </main>
    </Document>
  );
}

function EndpointDocs(e: ApiDocsProps["endpoints"][number]) {
  return (
    <section class="api-endpoint" id={`endpoint-${e.name}`}>
      <h2>
        <code>/{e.name}</code>
      </h2>
      {e.model.description && <p>{e.model.description}</p>}
      {e.aliases.length > 0 && (
        <p>
          Also callable as {e.aliases.map((a, i) => (
            <>
              {i > 0 && ", "}
              <code>/{a}</code>
            </>
          ))} (older name).
        </p>
      )}
      <h3>Parameters</h3>
      <ValueList values={e.model.parameters} named />
      <h3>Returns</h3>
      <ValueList values={e.model.returns} />
      <details open>
        <summary>JavaScript (@gradio/client)</summary>
        <pre><code>{e.snippets.js}</code></pre>
      </details>
      <details>
        <summary>Python (gradio_client)</summary>
        <pre><code>{e.snippets.python}</code></pre>
      </details>
      <details>
        <summary>cURL</summary>
        <pre><code>{e.snippets.curl}</code></pre>
      </details>
    </section>
  );
}

function ValueList(
  { values, named }: { values: ApiValueModel[]; named?: boolean },
) {
  if (!values.length) return <p>None.</p>;
  return (
    <ul>
      {values.map((v) => (
        <li>
          {named && (
            <>
              <code>{v.name}</code>
              {" "}
            </>
          )}
          <code>{v.pythonType}</code> — {v.component} “{v.label}”
          {named && v.hasDefault ? " (optional)" : ""}
        </li>
      ))}
    </ul>
  );
}

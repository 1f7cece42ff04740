/**
 * @module
 * The HTML document shell every page shares: charset, viewport, colour
 * scheme, the site stylesheet and icon.
 */
import type { ComponentChildren } from "preact";
import { asset } from "fresh/runtime";

/**
 * Wraps `children` in `<html>`/`<body>` with the site's `<head>`.
 *
 * @example
 * ```tsx
 * renderToString(<Document title="Use via API"><main>…</main></Document>);
 * ```
 */
export function Document(
  { title, children }: { title?: string; children: ComponentChildren },
) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        {title !== undefined && <title>{title}</title>}
        <link rel="stylesheet" href={asset("/styles.css")} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>{children}</body>
    </html>
  );
}

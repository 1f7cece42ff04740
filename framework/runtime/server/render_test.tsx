import { equal, match, ok } from "node:assert/strict";
import type { ComponentChildren, ComponentType } from "preact";
import { signal } from "@preact/signals";
import { PageSlot, renderPage } from "./render.ts";
import { BUILD_ID_REF } from "../shared.ts";
import type { IslandInfo } from "./preact_hooks.ts";
import { parse } from "../../jsonify/parse.ts";
import { Head } from "../head.ts";

function Counter(props: { count: { value: number } }) {
  return <button type="button">{props.count.value}</button>;
}
function Box(props: { children?: ComponentChildren; inner?: boolean }) {
  return (
    <div class="box">
      {props.inner && <Counter count={{ value: 9 }} />}
      {props.children}
    </div>
  );
}

const islands = new Map<ComponentType, IslandInfo>([
  // deno-lint-ignore no-explicit-any
  [Counter as any, {
    name: "Counter",
    exportName: "default",
    chunk: "islands/Counter.js",
  }],
  // deno-lint-ignore no-explicit-any
  [Box as any, { name: "Box", exportName: "Box", chunk: "islands/Box.js" }],
]);
const env = { buildId: "B", islands, runtimeChunk: "client.js" };

Deno.test("render - a page without islands ships no script", () => {
  const { html, preload } = renderPage(<p>static</p>, env);
  ok(!html.includes("<script"));
  equal(preload.length, 0);
});

Deno.test("render - islands get Fresh markers and a boot script", () => {
  const count = signal(1);
  const { html, preload, nonce } = renderPage(
    <html>
      <head />
      <body>
        <Counter count={count} key="k" />
        <Counter count={count} />
      </body>
    </html>,
    env,
  );
  match(
    html,
    /<body><!--frsh:island:Counter:0:k--><button type="button">1<\/button><!--\/frsh:island--><!--frsh:island:Counter:1:--><button type="button">1<\/button><!--\/frsh:island--><script type="module" nonce="([0-9a-f]{32})">/,
  );
  ok(html.includes(`nonce="${nonce}"`));
  match(
    html,
    /import \{ boot as \$\$boot \} from "\/_fresh\/js\/B\/client.js";/,
  );
  match(
    html,
    /import \{ default as Counter \} from "\/_fresh\/js\/B\/islands\/Counter.js";/,
  );
  match(html, /<\/script><\/body><\/html>$/);
  equal(
    preload.join(" "),
    "/_fresh/js/B/client.js /_fresh/js/B/islands/Counter.js",
  );
  // One island import per chunk, even when used twice; the signal is stored once.
  equal(html.match(/islands\/Counter.js/g)?.length, 1);
  const payload =
    html.match(/\$\$boot\(\{Counter\},(".*?"),"B"\);<\/script>/)![1];
  const props = parse<{ props: { count: { peek(): number } } }[]>(
    JSON.parse(payload),
    {
      Signal: (v) => ({ peek: () => v }),
    },
  );
  ok(props[0].props.count === props[1].props.count);
});

Deno.test("render - children become slots; nested islands render plain", () => {
  const { html } = renderPage(
    <Box inner>
      <b>hi</b>
    </Box>,
    env,
  );
  match(
    html,
    /<!--frsh:island:Box:0:--><div class="box"><button type="button">9<\/button><!--frsh:slot:0:children--><b>hi<\/b><!--\/frsh:slot--><\/div><!--\/frsh:island-->/,
  );
  ok(!html.includes("frsh:island:Counter"));
  ok(html.includes('[\\"Slot\\",'));
});

Deno.test("render - the boot payload cannot close the script tag", () => {
  const { html } = renderPage(
    <Counter count={{ value: "</script><!--" as unknown as number }} />,
    env,
  );
  equal(html.match(/<\/script>/g)?.length, 1);
  ok(!html.includes("<!--\\"));
});

/** A document wrapper as `_app` would render it (`PageSlot` is the page). */
const doc = (head: ComponentChildren) => (
  <html>
    <head>{head}</head>
    <body>
      <PageSlot />
    </body>
  </html>
);

Deno.test("render - Head tags replace the document's tags with the same key; the rest go last", () => {
  const { html } = renderPage(
    <>
      <Head>
        <title>new</title>
        <meta name="description" content="new" />
        <link key="page-css" rel="stylesheet" href="/page.css" />
      </Head>
      <p>x</p>
    </>,
    env,
    {
      app: doc(
        <>
          <meta charset="utf-8" />
          <title>old</title>
          <meta name="description" content="old" />
          <link rel="stylesheet" href="/site.css" />
        </>,
      ),
    },
  );
  equal(
    html,
    '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>new</title><meta name="description" content="new"/><link rel="stylesheet" href="/site.css"/><link rel="stylesheet" href="/page.css" data-key="page-css"/></head><body><p>x</p></body></html>',
  );
});

Deno.test("render - an unkeyed <link> in Head replaces the document's <link> with the same rel (Fresh keys links without href)", () => {
  const { html } = renderPage(
    <Head>
      <link rel="stylesheet" href="/page.css" />
    </Head>,
    env,
    { app: doc(<link rel="stylesheet" href="/site.css" />) },
  );
  ok(!html.includes("/site.css"), html);
  match(html, /<head><link rel="stylesheet" href="\/page.css"\/><\/head>/);
});

Deno.test("render - Head without a document head goes into the added <head>", () => {
  const { html } = renderPage(
    <>
      <Head>
        <title>t</title>
      </Head>
      <p>x</p>
    </>,
    env,
  );
  equal(
    html,
    '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>t</title></head><body><p>x</p></body></html>',
  );
});

Deno.test("render - inline scripts and styles get the render's nonce", () => {
  const { html, nonce } = renderPage(
    <>
      <style>{"p{}"}</style>
      <script>1</script>
      <script nonce="own">2</script>
    </>,
    env,
  );
  match(html, new RegExp(`<style nonce="${nonce}">p\\{\\}</style>`));
  match(html, new RegExp(`<script nonce="${nonce}">1</script>`));
  match(html, /<script nonce="own">2<\/script>/);
});

Deno.test("render - links to the current page and its ancestors get aria-current", () => {
  const { html } = renderPage(
    <nav>
      <a href="/">home</a>
      <a href="/docs">docs</a>
      <a href="/docs/page">page</a>
      <a href="/docs/page?x=1">query</a>
      <a href="/other">other</a>
      <a href="/docs" aria-current="false">own</a>
      <a href="https://example.com/docs">abs</a>
    </nav>,
    env,
    { url: new URL("http://localhost/docs/page") },
  );
  match(html, /<a href="\/" data-ancestor="true" aria-current="true">home/);
  match(html, /<a href="\/docs" data-ancestor="true" aria-current="true">docs/);
  match(
    html,
    /<a href="\/docs\/page" data-current="true" aria-current="page">page/,
  );
  match(
    html,
    /<a href="\/docs\/page\?x=1" data-ancestor="true" aria-current="true">query/,
  );
  match(html, /<a href="\/other">other/);
  match(html, /<a href="\/docs" aria-current="false">own/);
  match(html, /<a href="https:\/\/example.com\/docs">abs/);
});

Deno.test("render - <img> and <source> URLs become asset() URLs unless data-fresh-disable-lock", () => {
  BUILD_ID_REF.current = "B";
  const { html } = renderPage(
    <picture>
      <source srcset="/a.webp 1x, /a2.webp 2x" />
      <img src="/a.png" />
      <img src="/b.png" data-fresh-disable-lock />
      <img src="https://example.com/c.png" />
      <img src="data:image/png;base64,AA==" />
    </picture>,
    env,
  );
  match(html, /srcset="\/a.webp\?__frsh_c=B 1x, \/a2.webp\?__frsh_c=B 2x"/);
  match(html, /src="\/a.png\?__frsh_c=B"/);
  match(html, /src="\/b.png"/);
  match(html, /src="https:\/\/example.com\/c.png"/);
  match(html, /src="data:image\/png;base64,AA=="/);
});

import { equal, match, ok } from "node:assert/strict";
import type { ComponentChildren, ComponentType } from "preact";
import { signal } from "@preact/signals";
import { renderPage } from "./render.ts";
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
  const { html, preload } = renderPage(
    <html>
      <body>
        <Counter count={count} key="k" />
        <Counter count={count} />
      </body>
    </html>,
    env,
  );
  match(
    html,
    /<body><!--frsh:island:Counter:0:k--><button type="button">1<\/button><!--\/frsh:island--><!--frsh:island:Counter:1:--><button type="button">1<\/button><!--\/frsh:island--><script type="module">/,
  );
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

Deno.test("render - Head moves tags into <head> and replaces title/meta", () => {
  const { html } = renderPage(
    <html>
      <head>
        <title>old</title>
        <meta name="description" content="old" />
      </head>
      <body>
        <Head>
          <title>new</title>
          <meta name="description" content="new" />
        </Head>
        <p>x</p>
      </body>
    </html>,
    env,
  );
  equal(
    html,
    '<!DOCTYPE html><html><head><title>new</title><meta name="description" content="new"/></head><body><p>x</p></body></html>',
  );
});

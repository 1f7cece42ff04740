/**
 * Accessibility in a real browser: axe-core (npm) runs its WCAG 2 A/AA and
 * best-practice rules on every page of the site — the pet app, `/embed`,
 * the demos, each app's "Use via API" page, a share page and the error pages —
 * in light and in dark mode (and the main pages at a phone's 390 px), and
 * fails on any serious or critical violation with a readable list. The pet app is also checked with an error and with a
 * result on screen, and its keyboard flow, live announcements and focus
 * after an error are exercised.
 */
import assert from "node:assert/strict";
import axe from "axe-core";
import type { Page } from "puppeteer-core";
import { startServer } from "../helpers/server.ts";
import { launchBrowser } from "../helpers/browser.ts";

/** axe-core's own source, injected into each page (Node's build exports it). */
const AXE_SOURCE = (axe as unknown as { source: string }).source;
const TAGS = [
  "wcag2a",
  "wcag2aa",
  "wcag21a",
  "wcag21aa",
  "wcag22aa",
  "best-practice",
];
const FAILING = new Set(["serious", "critical"]);
const THEMES = ["light", "dark"] as const;
const PHOTO =
  new URL("../../static/examples/Bengal_110.jpg", import.meta.url).pathname;

/** One axe violation, flattened for a readable report. */
interface Finding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
  summary: string;
}

/** Runs axe-core on the page as it is now; returns every violation. */
export async function runAxe(page: Page): Promise<Finding[]> {
  if (!await page.evaluate(() => "axe" in globalThis)) {
    // Evaluated through the DevTools protocol, so the page's CSP does not apply.
    await page.evaluate(AXE_SOURCE);
  }
  return await page.evaluate(async (tags) => {
    const { axe } = globalThis as unknown as { axe: typeof import("axe-core") };
    const res = await axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
      summary: v.nodes[0]?.failureSummary?.split("\n").slice(0, 3).join(" ") ??
        "",
    }));
  }, TAGS);
}

/** `rule (impact): help — n× first-target; summary`, one line per violation. */
function describe(found: Finding[]): string {
  return found.map((f) =>
    `  ${f.id} (${f.impact}): ${f.help} — ${f.targets.length}× ${
      f.targets.slice(0, 4).join(", ")
    }${f.summary ? `\n      ${f.summary}` : ""}`
  ).join("\n");
}

/**
 * Opens `url` in the given colour scheme, waits until the islands are live
 * and returns the HTTP status.
 */
async function open(page: Page, url: string, theme: string): Promise<number> {
  await page.emulateMediaFeatures([
    { name: "prefers-color-scheme", value: theme },
  ]);
  const res = await page.goto(url, { waitUntil: "networkidle0" });
  assert.ok(res, `no response for ${url}`);
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-hydrated]")].every((el) =>
      el.getAttribute("data-hydrated") === "true"
    )
  );
  return res.status();
}

/** Creates a share link through the HTTP API, as `curl -F image=@… '/api/segment?share=1'` does. */
async function createShare(
  base: string,
): Promise<{ url: string; deleteUrl: string }> {
  const form = new FormData();
  form.append(
    "image",
    new File(
      [
        await Deno.readFile(
          new URL("../../static/examples/Abyssinian_105.jpg", import.meta.url),
        ),
      ],
      "Abyssinian_105.jpg",
      { type: "image/jpeg" },
    ),
  );
  const res = await fetch(`${base}/api/segment?share=1`, {
    method: "POST",
    body: form,
  });
  const json = await res.json();
  assert.equal(res.status, 200, JSON.stringify(json));
  assert.ok(json.shareUrl, JSON.stringify(json).slice(0, 300));
  const url = new URL(json.shareUrl);
  const del = new URL(json.shareDeleteUrl);
  return {
    url: `${base}${url.pathname}`,
    deleteUrl: `${base}${del.pathname}${del.search}`,
  };
}

Deno.test({
  name:
    "[browser] a11y - every page passes axe-core's WCAG 2 A/AA rules in light and dark mode",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const share = await createShare(server.url);
      const gone = await createShare(server.url);
      const del = await fetch(gone.deleteUrl, { method: "DELETE" });
      await del.body?.cancel();
      assert.ok(del.ok, `deleting a share: HTTP ${del.status}`);
      const demos = [
        "interface",
        "blocks",
        "row",
        "columns",
        "components",
        "pet",
      ].map((d) => `/demos/${d}`);
      const pages: [string, number][] = [
        ["/", 200],
        ["/embed", 200],
        ["/demos", 200],
        ...demos.map((d): [string, number] => [d, 200]),
        ["/api-docs", 200],
        ...demos.map((d): [string, number] => [`${d}/api-docs`, 200]),
        [new URL(share.url).pathname, 200],
        [new URL(gone.url).pathname, 404],
        ["/nope", 404],
        ["/s/AAAAAAAAAAAAAAAAAAAAAA", 404],
      ];
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      const problems: string[] = [];
      const counts: string[] = [];
      const check = async (what: string) => {
        const found = await runAxe(page);
        const bad = found.filter((f) => FAILING.has(f.impact));
        counts.push(
          `${what}: ${bad.length} serious/critical, ${
            found.length - bad.length
          } other${
            found.length
              ? ` (${found.map((f) => `${f.id}/${f.impact}`).join(", ")})`
              : ""
          }`,
        );
        if (bad.length) problems.push(`${what}:\n${describe(bad)}`);
      };
      for (const theme of THEMES) {
        await t.step(`${theme}: every page`, async () => {
          for (const [path, status] of pages) {
            assert.equal(await open(page, server.url + path, theme), status);
            await check(`${theme} ${path}`);
          }
        });
        await t.step(
          `${theme}: the pet app with an error, then with a result`,
          async () => {
            await open(page, server.url, theme);
            await page.click("#process button");
            await page.waitForSelector(".bk-error[role=alert]");
            await check(`${theme} / with an error`);
            const input = await page.$("#image-upload input[type=file]");
            await input!.uploadFile(PHOTO);
            await page.waitForSelector("#image-upload img.bk-image");
            await page.click("#process button");
            await page.waitForSelector("#mask-output img", {
              timeout: 30_000,
            });
            await page.click("#share");
            await page.waitForSelector("#share-url", { timeout: 20_000 });
            await check(`${theme} / with a result and a share link`);
          },
        );
      }
      await t.step(
        "390 px wide (a phone), both themes: the app, /embed, the components demo, a share page; nothing scrolls sideways",
        async () => {
          await page.setViewport({
            width: 390,
            height: 844,
            isMobile: true,
            hasTouch: true,
          });
          const wide: string[] = [];
          for (const theme of THEMES) {
            for (
              const path of [
                "/",
                "/embed",
                "/demos/components",
                new URL(share.url).pathname,
              ]
            ) {
              assert.equal(await open(page, server.url + path, theme), 200);
              await check(`390px ${theme} ${path}`);
              const overflow = await page.evaluate(() =>
                document.documentElement.scrollWidth - innerWidth
              );
              if (overflow > 0) wide.push(`${theme} ${path}: ${overflow}px`);
            }
          }
          assert.deepEqual(wide, [], "pages wider than the phone");
        },
      );
      console.log(counts.join("\n"));
      assert.equal(
        problems.length,
        0,
        `axe-core found serious or critical violations:\n${
          problems.join("\n")
        }`,
      );
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});

Deno.test({
  name:
    "[browser] a11y - keyboard only: an error takes focus; choose a photo, Tab to Process Image, Enter, result; each step announced",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const kb = await browser.newPage();
      await open(kb, server.url, "light");
      // Intercept the file chooser long before Enter opens it: asked for in
      // the same breath as the key press, Chromium sometimes opened its own
      // (invisible, headless) dialog first and the test never saw it.
      const chooserOpened = kb.waitForFileChooser({ timeout: 60_000 });
      chooserOpened.catch(() => {});
      // Everything the page's live region says, in order.
      await kb.evaluate(() => {
        const said: string[] = [];
        Object.assign(globalThis, { said });
        new MutationObserver(() => {
          const text = document.getElementById("bk-announcer")
            ?.textContent;
          if (text && said.at(-1) !== text) said.push(text);
        }).observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      const focused = () =>
        kb.evaluate(() => {
          const el = document.activeElement;
          return el ? `${el.tagName} ${el.id} ${el.className}` : "";
        });
      const focusIs = (sel: string) =>
        kb.evaluate((s) => document.activeElement?.matches(s), sel);
      // Process Image with no photo: the reason is announced (alert) and focused.
      await kb.focus("#process button");
      await kb.keyboard.press("Enter");
      await kb.waitForFunction(() =>
        document.activeElement?.matches(".bk-error[role=alert]")
      );
      assert.match(
        await kb.$eval(".bk-error", (e) => e.textContent ?? ""),
        /Choose a photo first/,
      );
      // From there Shift+Tab goes back to the drop zone's button…
      let tabs = 0;
      while (!await focusIs("#image-upload .bk-choose")) {
        assert.ok(
          ++tabs <= 4,
          `no "choose" button by Shift+Tab: ${await focused()}`,
        );
        await kb.keyboard.down("Shift");
        await kb.keyboard.press("Tab");
        await kb.keyboard.up("Shift");
      }
      // …where Enter opens the file chooser.
      await kb.keyboard.press("Enter");
      await (await chooserOpened).accept([PHOTO]);
      await kb.waitForSelector("#image-upload img.bk-image");
      tabs = 0;
      while (!await focusIs("#process button")) {
        assert.ok(++tabs <= 3, `Process Image is 3 Tabs away at most`);
        await kb.keyboard.press("Tab");
      }
      const said = () =>
        kb.evaluate(() =>
          (globalThis as unknown as { said: string[] }).said.slice()
        );
      await kb.evaluate(() =>
        (globalThis as unknown as { said: string[] }).said.splice(0)
      );
      await kb.keyboard.press("Enter");
      await kb.waitForSelector("#mask-output img", { timeout: 30_000 });
      await kb.waitForFunction(() =>
        (globalThis as unknown as { said: string[] }).said.some((s) =>
          s.startsWith("Processing time")
        )
      );
      assert.deepEqual(
        (await said()).map((s) => s.replace(/[\d.]+ seconds/, "X seconds")),
        ["Processing…", "Processing time: X seconds"],
      );
      assert.ok(
        await focusIs("#process button"),
        `focus stays on Process Image, not on ${await focused()}`,
      );
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});

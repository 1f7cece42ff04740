/**
 * @module
 * The HTTP checks of `tasks/fresh_swap_check.ts`, run against each way of
 * serving the swapped copy (see that module's documentation for the list).
 */
import { basename } from "node:path";
import { check, expect } from "./report.ts";

function count(html: string, re: RegExp): number {
  return html.match(new RegExp(re.source, "g"))?.length ?? 0;
}

async function getText(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { res, body: await res.text() };
}

async function photoForm(photo: string) {
  const form = new FormData();
  const bytes = await Deno.readFile(photo);
  form.append(
    "image",
    new File([bytes], basename(photo), { type: "image/jpeg" }),
  );
  return form;
}

/**
 * Runs the HTTP checks against the server at `base`, labelling each with
 * `tag`. `photo` is the path of one of the app's example photos
 * (`static/examples/…`), posted to the API and fetched back from the server.
 *
 * @example
 * ```ts
 * await httpChecks("[deno serve]", "http://127.0.0.1:8000", "/app/static/examples/Abyssinian_105.jpg");
 * ```
 */
export async function httpChecks(tag: string, base: string, photo: string) {
  let runtimeJs = "";
  await check(`${tag} GET / renders styled`, async () => {
    const { res, body } = await getText(`${base}/`);
    expect(res.status === 200, `status ${res.status}`);
    expect(
      res.headers.get("content-type")?.startsWith("text/html"),
      `content-type ${res.headers.get("content-type")}`,
    );
    expect(
      /<html lang="en"/.test(body),
      "no <html lang=en> (routes/_app.tsx not applied)",
    );
    const styles = count(body, /<link[^>]+href="\/styles\.css(\?[^"]*)?"/);
    const blocks = count(body, /<link[^>]+href="\/blocks\.css(\?[^"]*)?"/);
    expect(styles === 1, `${styles} styles.css links`);
    expect(blocks === 1, `${blocks} blocks.css links`);
    expect(
      count(body, /<title>/) === 1 &&
        body.includes("<title>Pet Image Segmentation</title>"),
      "not exactly one <title>Pet Image Segmentation</title>",
    );
    const islands = count(body, /<!--frsh:island:/);
    expect(islands > 0, "no island markers");
    const m = body.match(/import[^"']*["'](\/_fresh\/js\/[^"']+\.js)["']/);
    expect(m, "no boot script importing /_fresh/js/…");
    runtimeJs = m[1];
    expect(
      res.headers.get("x-content-type-options") === "nosniff",
      "no security headers",
    );
    return `1 styles.css + 1 blocks.css link, ${islands} islands, runtime ${runtimeJs}`;
  });
  await check(`${tag} GET /demos/blocks renders`, async () => {
    const { res, body } = await getText(`${base}/demos/blocks`);
    expect(res.status === 200, `status ${res.status}`);
    expect(body.includes("<title>Greet (Blocks)</title>"), "no title");
    expect(
      count(body, /href="\/styles\.css(\?[^"]*)?"/) === 1 &&
        count(body, /href="\/blocks\.css(\?[^"]*)?"/) === 1,
      "stylesheets missing or repeated",
    );
    return `${count(body, /<!--frsh:island:/)} islands`;
  });
  await check(`${tag} static files`, async () => {
    const css = await fetch(`${base}/styles.css`);
    await css.body?.cancel();
    expect(css.status === 200, `/styles.css ${css.status}`);
    expect(
      css.headers.get("content-type")?.startsWith("text/css"),
      `/styles.css content-type ${css.headers.get("content-type")}`,
    );
    const etag = css.headers.get("etag");
    expect(etag, "/styles.css has no ETag");
    const again = await fetch(`${base}/styles.css`, {
      headers: { "If-None-Match": etag },
    });
    await again.body?.cancel();
    expect(again.status === 304, `If-None-Match → ${again.status}, not 304`);
    const jpg = await fetch(`${base}/examples/${basename(photo)}`);
    const bytes = new Uint8Array(await jpg.arrayBuffer());
    expect(
      jpg.status === 200 && jpg.headers.get("content-type") === "image/jpeg",
      `example photo ${jpg.status} ${jpg.headers.get("content-type")}`,
    );
    const disk = await Deno.readFile(photo);
    expect(bytes.length === disk.length, "example photo differs from disk");
    expect(runtimeJs, "no runtime URL (GET / failed)");
    const js = await fetch(base + runtimeJs);
    await js.body?.cancel();
    expect(js.status === 200, `${runtimeJs} ${js.status}`);
    expect(
      /javascript/.test(js.headers.get("content-type") ?? ""),
      `${runtimeJs} content-type ${js.headers.get("content-type")}`,
    );
    const cc = js.headers.get("cache-control") ?? "";
    expect(/immutable/.test(cc), `${runtimeJs} Cache-Control "${cc}"`);
    return `styles.css ETag + 304, photo ${bytes.length} B, runtime "${cc}"`;
  });
  await check(`${tag} POST /api/segment returns a mask`, async () => {
    const res = await fetch(`${base}/api/segment`, {
      method: "POST",
      body: await photoForm(photo),
    });
    const body = await res.json();
    expect(res.status === 200, `status ${res.status}: ${JSON.stringify(body)}`);
    expect(
      typeof body.mask === "string" &&
        body.mask.startsWith("data:image/png;base64,"),
      "no PNG mask",
    );
    const pet = body.classes?.find((c: { name: string }) => c.name === "pet");
    return `${body.width}×${body.height} mask, pet ${
      (pet.fraction * 100).toFixed(0)
    }%`;
  });
  await check(`${tag} GET /api/segment → 405 JSON, Allow: POST`, async () => {
    const { res, body } = await getText(`${base}/api/segment`);
    expect(res.status === 405, `status ${res.status}: ${body.slice(0, 200)}`);
    expect(
      res.headers.get("allow") === "POST",
      `Allow ${res.headers.get("allow")}`,
    );
    expect(
      res.headers.get("content-type")?.startsWith("application/json"),
      `content-type ${res.headers.get("content-type")}`,
    );
    expect(
      JSON.parse(body).error?.code === "method_not_allowed",
      `body ${body}`,
    );
    return body;
  });
  await check(`${tag} OPTIONS /api/segment → 204, Allow: POST`, async () => {
    const { res, body } = await getText(`${base}/api/segment`, {
      method: "OPTIONS",
    });
    expect(res.status === 204, `status ${res.status}: ${body.slice(0, 200)}`);
    expect(
      res.headers.get("allow") === "POST",
      `Allow ${res.headers.get("allow")}`,
    );
  });
  await check(`${tag} share: ?share=1, then its page`, async () => {
    const res = await fetch(`${base}/api/segment?share=1`, {
      method: "POST",
      body: await photoForm(photo),
    });
    const body = await res.json();
    expect(res.status === 200, `status ${res.status}: ${JSON.stringify(body)}`);
    expect(body.shareUrl, `no shareUrl: ${JSON.stringify(body)}`);
    const url = new URL(body.shareUrl, base).href;
    const { res: page, body: html } = await getText(url);
    expect(page.status === 200, `${url} → ${page.status}`);
    expect(html.includes("Shared pet segmentation"), "share page content");
    expect(
      count(html, /href="\/styles\.css(\?[^"]*)?"/) === 1,
      "share page has no styles.css link",
    );
    const overlay = await fetch(`${url}/overlay.jpg`);
    await overlay.body?.cancel();
    expect(
      overlay.status === 200 &&
        overlay.headers.get("content-type") === "image/jpeg",
      `overlay.jpg ${overlay.status}`,
    );
    return new URL(url).pathname;
  });
  await check(`${tag} Gradio GET /config`, async () => {
    const { res, body } = await getText(`${base}/config`);
    expect(res.status === 200, `status ${res.status}`);
    const config = JSON.parse(body);
    expect(
      Array.isArray(config.components) && config.components.length > 0,
      "no components",
    );
    const demo = await fetch(`${base}/demos/blocks/config`);
    const demoConfig = await demo.json();
    expect(demo.status === 200, `/demos/blocks/config ${demo.status}`);
    return `${config.components.length} components; /demos/blocks/config ${demoConfig.components.length}`;
  });
  await check(`${tag} unknown URL → styled 404 page`, async () => {
    const { res, body } = await getText(`${base}/no/such/page`);
    expect(res.status === 404, `status ${res.status}`);
    expect(
      res.headers.get("content-type")?.startsWith("text/html"),
      `content-type ${res.headers.get("content-type")}`,
    );
    expect(
      count(body, /href="\/styles\.css(\?[^"]*)?"/) === 1,
      "no styles.css link",
    );
  });
}

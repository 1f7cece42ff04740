import assert from "node:assert/strict";
import { decodeImage } from "../lib/image/decode.ts";
import { decodeBase64 } from "../lib/base64.ts";
import { encodeRgbaPng } from "../lib/image/png.ts";
import { startServer, type TestServer } from "./helpers/server.ts";
import {
  examplePhoto,
  pngHeaderClaiming,
  randomBytes,
  SVG_WITH_SCRIPT,
} from "./helpers/fixtures.ts";

function form(
  bytes: Uint8Array,
  name = "photo.jpg",
  type = "image/jpeg",
  extra: Record<string, string> = {},
) {
  const fd = new FormData();
  fd.append("image", new File([bytes as BlobPart], name, { type }));
  for (const [k, v] of Object.entries(extra)) fd.append(k, v);
  return fd;
}

async function maskValues(png: Uint8Array) {
  const { image, width, height } = await decodeImage(png);
  const seen = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) seen.add(image.data[i]);
  return { width, height, seen };
}

async function expectError(res: Response, status: number, code: string) {
  assert.equal(res.status, status, `status for ${code}`);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const body = await res.json();
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 20, "the message is a sentence");
}

Deno.test("[api] POST /api/segment", async (t) => {
  const server: TestServer = await startServer({ MAX_BODY_MB: "15" });
  const api = `${server.url}/api/segment`;
  try {
    const photo = await examplePhoto(); // 500×375

    await t.step(
      "multipart → JSON with a full-size 3-value gray mask",
      async () => {
        const res = await fetch(api, { method: "POST", body: form(photo) });
        assert.equal(res.status, 200);
        assert.match(
          res.headers.get("content-type") ?? "",
          /application\/json/,
        );
        const body = await res.json();
        assert.equal(body.width, 500);
        assert.equal(body.height, 375);
        assert.match(body.mask, /^data:image\/png;base64,/);
        const mask = await maskValues(decodeBase64(body.mask.split(",")[1]));
        assert.deepEqual([mask.width, mask.height], [500, 375]);
        for (const v of mask.seen) {
          assert.ok([0, 127, 255].includes(v), `unexpected gray ${v}`);
        }
        assert.deepEqual(
          body.classes.map((
            c: { name: string; value: number },
          ) => [c.name, c.value]),
          [
            ["pet", 0],
            ["background", 127],
            ["border", 255],
          ],
        );
        const sum = body.classes.reduce(
          (s: number, c: { fraction: number }) => s + c.fraction,
          0,
        );
        assert.ok(Math.abs(sum - 1) < 1e-3);
        assert.ok(
          body.classes[0].fraction > 0.1,
          "a pet is found in a pet photo",
        );
        for (const k of ["decodeMs", "inferenceMs", "totalMs"]) {
          assert.equal(typeof body.timing[k], "number");
        }
        assert.equal(body.shareUrl, undefined, "no share unless asked");
      },
    );

    await t.step("the gray PNG is 8-bit single channel", async () => {
      const res = await fetch(api, {
        method: "POST",
        body: form(photo),
        headers: { Accept: "image/png" },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "image/png");
      const png = new Uint8Array(await res.arrayBuffer());
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
      assert.equal(png[24], 8, "bit depth");
      assert.equal(png[25], 0, "colour type gray");
      const mask = await maskValues(png);
      assert.deepEqual([mask.width, mask.height], [500, 375]);
    });

    await t.step(
      "a browser-style multipart boundary with capital letters",
      async () => {
        const boundary = "----WebKitFormBoundaryAbCdEfGh12345678";
        const head =
          `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="cat.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
        const tail = `\r\n--${boundary}--\r\n`;
        const body = new Uint8Array([
          ...new TextEncoder().encode(head),
          ...photo,
          ...new TextEncoder().encode(tail),
        ]);
        const res = await fetch(api, {
          method: "POST",
          body,
          headers: {
            "Content-Type": `multipart/form-data; boundary=${boundary}`,
          },
        });
        assert.equal(res.status, 200);
        assert.equal((await res.json()).width, 500);
      },
    );

    await t.step("raw image bytes with an image/* Content-Type", async () => {
      const res = await fetch(api, {
        method: "POST",
        body: photo as BodyInit,
        headers: { "Content-Type": "image/jpeg" },
      });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).width, 500);
    });

    await t.step(
      "share=1 returns a share URL whose page shows the result",
      async () => {
        const res = await fetch(`${api}?share=1`, {
          method: "POST",
          body: form(photo),
        });
        assert.equal(res.status, 200);
        const body = await res.json();
        assert.match(
          body.shareUrl,
          new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{22,}$`),
        );
        const page = await fetch(body.shareUrl);
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.match(html, /property="og:image"/);
        assert.match(html, /noindex/);
        assert.match(html, /href="\/"/);
        const mask = await fetch(`${body.shareUrl}/mask.png`);
        assert.equal(mask.status, 200);
        assert.equal(
          (await maskValues(new Uint8Array(await mask.arrayBuffer()))).width,
          500,
        );
        const photoRes = await fetch(`${body.shareUrl}/photo.jpg`);
        assert.equal(photoRes.headers.get("content-type"), "image/jpeg");
        await photoRes.body?.cancel();
        const overlay = await fetch(`${body.shareUrl}/overlay.jpg`);
        assert.equal(overlay.headers.get("content-type"), "image/jpeg");
        assert.match(
          overlay.headers.get("content-disposition") ?? "",
          /filename="pet-overlay\.jpg"/,
        );
        await overlay.body?.cancel();
        for (const name of ["constructor", "__proto__", "toString"]) {
          const odd = await fetch(`${body.shareUrl}/${name}`);
          assert.equal(odd.status, 404, name);
          await odd.body?.cancel();
        }
        // The creator can delete it; then it is gone.
        const del = await fetch(
          body.shareDeleteUrl,
          { method: "DELETE" },
        );
        assert.equal(del.status, 204);
        const gone = await fetch(body.shareUrl);
        assert.equal(gone.status, 404);
        await gone.body?.cancel();
      },
    );

    await t.step(
      "share as a form field works too; unknown share id is a 404 page",
      async () => {
        const res = await fetch(api, {
          method: "POST",
          body: form(photo, "p.jpg", "image/jpeg", { share: "1" }),
        });
        assert.ok((await res.json()).shareUrl);
        const missing = await fetch(`${server.url}/s/AAAAAAAAAAAAAAAAAAAAAA`);
        assert.equal(missing.status, 404);
        assert.match(missing.headers.get("content-type") ?? "", /text\/html/);
        await missing.body?.cancel();
      },
    );

    const bad: [string, () => Promise<Response>, number, string][] = [
      [
        "empty body",
        () =>
          fetch(api, {
            method: "POST",
            body: new Uint8Array(0) as BodyInit,
            headers: { "Content-Type": "image/jpeg" },
          }),
        400,
        "empty_image",
      ],
      [
        "empty file",
        () => fetch(api, { method: "POST", body: form(new Uint8Array(0)) }),
        400,
        "empty_image",
      ],
      [
        "missing field",
        () =>
          fetch(api, {
            method: "POST",
            body: (() => {
              const f = new FormData();
              f.append("other", "x");
              return f;
            })(),
          }),
        400,
        "missing_image",
      ],
      [
        "a text file",
        () =>
          fetch(api, {
            method: "POST",
            body: form(
              new TextEncoder().encode("hello, this is not a photo"),
              "notes.txt",
              "text/plain",
            ),
          }),
        415,
        "unsupported_type",
      ],
      [
        "truncated JPEG",
        () => fetch(api, { method: "POST", body: form(photo.slice(0, 3000)) }),
        400,
        "corrupt_image",
      ],
      [
        "random bytes",
        () => fetch(api, { method: "POST", body: form(randomBytes(8192)) }),
        415,
        "unsupported_type",
      ],
      [
        "SVG with a script",
        () =>
          fetch(api, {
            method: "POST",
            body: form(SVG_WITH_SCRIPT, "x.svg", "image/svg+xml"),
          }),
        415,
        "unsupported_type",
      ],
      [
        "PNG header claiming 30000×30000",
        () =>
          fetch(api, {
            method: "POST",
            body: form(
              pngHeaderClaiming(30000, 30000),
              "bomb.png",
              "image/png",
            ),
          }),
        422,
        "too_many_pixels",
      ],
      [
        "body over the limit",
        () =>
          fetch(api, {
            method: "POST",
            body: new Uint8Array(16 * 1024 * 1024) as BodyInit,
            headers: { "Content-Type": "image/jpeg" },
          }),
        413,
        "payload_too_large",
      ],
      [
        "JSON body",
        () =>
          fetch(api, {
            method: "POST",
            body: "{}",
            headers: { "Content-Type": "application/json" },
          }),
        415,
        "unsupported_media_type",
      ],
      [
        "a 4×4 photo",
        () =>
          fetch(api, {
            method: "POST",
            body: form(pngTiny(), "tiny.png", "image/png"),
          }),
        422,
        "too_small",
      ],
    ];
    for (const [name, send, status, code] of bad) {
      await t.step(`${name} → ${status} ${code}`, async () => {
        await expectError(await send(), status, code);
      });
    }

    await t.step("GET is not allowed", async () => {
      const res = await fetch(api);
      assert.equal(res.status, 405);
      await res.body?.cancel();
    });

    await t.step("the server still answers after all that", async () => {
      const res = await fetch(api, { method: "POST", body: form(photo) });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    });
  } finally {
    await server.stop();
  }
});

Deno.test("[api] expired share links answer 410", async () => {
  const server = await startServer({ SHARE_TTL_HOURS: "0.001" }); // 3.6 seconds
  try {
    const res = await fetch(`${server.url}/api/segment?share=1`, {
      method: "POST",
      body: form(await examplePhoto()),
    });
    const { shareUrl } = await res.json();
    const fresh = await fetch(shareUrl);
    assert.equal(fresh.status, 200);
    await fresh.body?.cancel();
    await new Promise((r) => setTimeout(r, 4000));
    const old = await fetch(shareUrl);
    assert.equal(old.status, 410);
    assert.match(await old.text(), /expired/i);
  } finally {
    await server.stop();
  }
});

function pngTiny(): Uint8Array {
  return encodeRgbaPng({
    width: 4,
    height: 4,
    data: new Uint8Array(64).fill(200),
  });
}

import assert from "node:assert/strict";
import { decodeBase64 } from "../lib/base64.ts";
import { encodeRgbaPng } from "../lib/image/png.ts";
import { startServer, type TestServer } from "./helpers/server.ts";
import {
  examplePhoto,
  imageForm,
  maskValues,
  pngHeaderClaiming,
  randomBytes,
  SVG_WITH_SCRIPT,
} from "./helpers/fixtures.ts";

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
        const res = await fetch(api, {
          method: "POST",
          body: imageForm(photo),
        });
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
        body: imageForm(photo),
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
        () =>
          fetch(api, { method: "POST", body: imageForm(new Uint8Array(0)) }),
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
            body: imageForm(
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
        () =>
          fetch(api, { method: "POST", body: imageForm(photo.slice(0, 3000)) }),
        400,
        "corrupt_image",
      ],
      [
        "random bytes",
        () =>
          fetch(api, { method: "POST", body: imageForm(randomBytes(8192)) }),
        415,
        "unsupported_type",
      ],
      [
        "SVG with a script",
        () =>
          fetch(api, {
            method: "POST",
            body: imageForm(SVG_WITH_SCRIPT, "x.svg", "image/svg+xml"),
          }),
        415,
        "unsupported_type",
      ],
      [
        "PNG header claiming 30000×30000",
        () =>
          fetch(api, {
            method: "POST",
            body: imageForm(
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
            body: imageForm(pngTiny(), "tiny.png", "image/png"),
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
      const res = await fetch(api, { method: "POST", body: imageForm(photo) });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    });
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

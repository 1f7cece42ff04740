/**
 * HEIC and AVIF through the real server: `/api/segment` (multipart and raw),
 * the page's preview (`/api/preview`), `@gradio/client` on the pet app, and
 * hostile files. Every photo fixture shows the Abyssinian example upright,
 * so its mask must match the JPEG's.
 */
import assert from "node:assert/strict";
import { Client } from "@gradio/client";
import { startServer } from "./helpers/server.ts";
import { examplePhoto, fixtureImage, imageForm } from "./helpers/fixtures.ts";
import { decodeImage } from "../lib/image/decode.ts";
import {
  codedPicture,
  gridFile,
  ispe,
  writeHeif,
} from "./fixtures/images/heif_writer.ts";

/** The photo fixtures (see tests/fixtures/images/make_heif_fixtures.ts). */
export const HEIF_PHOTOS = [
  ["pet.heic", "image/heic"],
  ["pet.avif", "image/avif"],
  ["pet_10bit.heic", "image/heic"],
  ["pet_10bit_mirrored.avif", "image/avif"],
  ["pet_12bit.heic", "image/heic"],
  ["pet_12bit_444.avif", "image/avif"],
  ["pet_grid_rotated.heic", "image/heic"],
  ["pet_two_images.heic", "image/heic"],
] as const;

/** Share of pixels where two gray masks of the same size agree. */
export async function maskAgreement(
  a: Uint8Array,
  b: Uint8Array,
): Promise<number> {
  const [x, y] = [await decodeImage(a), await decodeImage(b)];
  assert.deepEqual([x.width, x.height], [y.width, y.height]);
  let same = 0;
  for (let i = 0; i < x.image.data.length; i += 4) {
    if (x.image.data[i] === y.image.data[i]) same++;
  }
  return same / (x.image.data.length / 4);
}

/** Masks of lossy copies of one photo agree on at least this share of pixels. */
export const MASK_AGREEMENT = 0.97;

const opts = { sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "[api] HEIC and AVIF photos segment like their JPEG",
  ...opts,
  async fn(t) {
    const server = await startServer();
    try {
      const api = `${server.url}/api/segment`;
      const png = { Accept: "image/png" };
      const segment = async (body: BodyInit, headers = {}) => {
        const res = await fetch(api, {
          method: "POST",
          body,
          headers: { ...png, ...headers },
        });
        const bytes = new Uint8Array(await res.arrayBuffer());
        assert.equal(res.status, 200, new TextDecoder().decode(bytes));
        assert.equal(res.headers.get("content-type"), "image/png");
        assert.equal(res.headers.get("x-image-width"), "500");
        assert.equal(res.headers.get("x-image-height"), "375");
        return bytes;
      };
      const jpegMask = await segment(imageForm(await examplePhoto()));

      for (const [name, type] of HEIF_PHOTOS) {
        await t.step(`${name} (multipart)`, async () => {
          const mask = await segment(
            imageForm(await fixtureImage(name), name, type),
          );
          const agree = await maskAgreement(mask, jpegMask);
          assert.ok(agree >= MASK_AGREEMENT, `${name}: ${agree}`);
        });
      }

      await t.step("raw body with an image/heic type", async () => {
        const mask = await segment(
          await fixtureImage("pet.heic") as BodyInit,
          { "Content-Type": "image/heic" },
        );
        assert.ok(await maskAgreement(mask, jpegMask) >= MASK_AGREEMENT);
      });

      await t.step("the JSON answer names the size and classes", async () => {
        const res = await fetch(api, {
          method: "POST",
          body: imageForm(await fixtureImage("pet.avif"), "a.avif", ""),
        });
        const body = await res.json();
        assert.equal(res.status, 200, JSON.stringify(body));
        assert.deepEqual([body.width, body.height], [500, 375]);
        assert.match(body.mask, /^data:image\/png;base64,/);
      });

      await t.step("preview: an upright JPEG the page can show", async () => {
        for (const name of ["pet_grid_rotated.heic", "pet.avif"]) {
          const res = await fetch(`${server.url}/api/preview`, {
            method: "POST",
            body: await fixtureImage(name) as BodyInit,
            headers: { "Content-Type": "application/octet-stream" },
          });
          const jpeg = new Uint8Array(await res.arrayBuffer());
          assert.equal(res.status, 200, new TextDecoder().decode(jpeg));
          assert.equal(res.headers.get("content-type"), "image/jpeg");
          assert.equal(res.headers.get("x-image-width"), "500");
          assert.equal(res.headers.get("x-image-height"), "375");
          const shown = await decodeImage(jpeg);
          assert.deepEqual([shown.width, shown.height], [500, 375]);
          // The preview segments like the photo itself.
          const mask = await segment(imageForm(jpeg));
          assert.ok(await maskAgreement(mask, jpegMask) >= MASK_AGREEMENT);
        }
        const small = await fetch(`${server.url}/api/preview?max=100`, {
          method: "POST",
          body: await fixtureImage("pet.heic") as BodyInit,
        });
        const thumb = await decodeImage(
          new Uint8Array(await small.arrayBuffer()),
        );
        assert.deepEqual([thumb.image.width, thumb.image.height], [100, 75]);
        const bad = await fetch(`${server.url}/api/preview`, {
          method: "POST",
          body: new TextEncoder().encode("not a photo"),
        });
        assert.equal(bad.status, 415);
        assert.equal((await bad.json()).error.code, "unsupported_type");
      });
    } finally {
      await server.stop();
    }
  },
});

Deno.test({
  name: "[api] hostile HEIC and AVIF files are refused with 4xx, never 500",
  ...opts,
  async fn(t) {
    const server = await startServer();
    try {
      const heic = await fixtureImage("pet.heic");
      const avif = codedPicture(await fixtureImage("pet.avif"));
      const tile = codedPicture(await fixtureImage("tile512.heic"));
      const cases: [string, Uint8Array, number, string][] = [
        [
          "truncated HEIC",
          heic.subarray(0, heic.length >> 1),
          400,
          "corrupt_image",
        ],
        ["HEIC header only", heic.subarray(0, 300), 400, "corrupt_image"],
        [
          "AVIF whose ispe says 64×48 over a 500×375 picture",
          writeHeif(["avif", "mif1"], 1, [{
            id: 1,
            type: "av01",
            data: avif.data,
            props: [ispe(64, 48), avif.props.get("av1C")!],
          }]),
          400,
          "corrupt_image",
        ],
        [
          "a grid of 65 536 tiles",
          gridFile(
            ["heic", "mif1"],
            [tile],
            256,
            256,
            131072,
            131072,
            [],
            Array(65536).fill(0),
          ),
          422,
          "too_many_pixels",
        ],
        [
          "a 600×600 picture over 32×32 tiles",
          gridFile(
            ["heic", "mif1"],
            [tile],
            32,
            32,
            600,
            600,
            [],
            Array(1024).fill(0),
          ),
          400,
          "corrupt_image",
        ],
      ];
      for (const [name, bytes, status, code] of cases) {
        await t.step(name, async () => {
          for (const path of ["/api/segment", "/api/preview"]) {
            const res = await fetch(`${server.url}${path}`, {
              method: "POST",
              body: bytes as BodyInit,
              headers: { "Content-Type": "image/heic" },
            });
            const body = await res.json();
            assert.equal(
              res.status,
              status,
              `${path}: ${JSON.stringify(body)}`,
            );
            assert.equal(body.error.code, code);
            assert.ok(body.error.message.length > 20);
          }
        });
      }
      await t.step(
        "the server is still healthy and still reads HEIC",
        async () => {
          const res = await fetch(`${server.url}/api/segment`, {
            method: "POST",
            body: imageForm(heic, "IMG_0001.HEIC", "image/heic"),
          });
          assert.equal(res.status, 200);
          await res.body?.cancel();
        },
      );
    } finally {
      await server.stop();
    }
  },
});

Deno.test({
  name: "[gradio] @gradio/client - process_image takes HEIC and AVIF photos",
  ...opts,
  async fn() {
    const server = await startServer();
    try {
      const client = await Client.connect(server.url);
      const maskOf = async (bytes: Uint8Array, type: string) => {
        const r = await client.predict("/process_image", [
          new Blob([bytes as BlobPart], { type }),
        ]);
        const [mask, timing] = r.data as [{ url: string }, string];
        assert.match(timing, /^Processing time: \d+\.\d\d seconds$/);
        return new Uint8Array(await (await fetch(mask.url)).arrayBuffer());
      };
      const jpegMask = await maskOf(await examplePhoto(), "image/jpeg");
      for (
        const [name, type] of [HEIF_PHOTOS[0], HEIF_PHOTOS[1], HEIF_PHOTOS[4]]
      ) {
        const mask = await maskOf(await fixtureImage(name), type);
        const agree = await maskAgreement(mask, jpegMask);
        assert.ok(agree >= MASK_AGREEMENT, `${name}: ${agree}`);
      }
      client.close();
    } finally {
      await server.stop();
    }
  },
});

import assert from "node:assert/strict";
import { startServer } from "./helpers/server.ts";
import {
  examplePhoto,
  fixtureImage,
  imageForm,
  jpegClaiming,
  pngBomb,
  pngHeaderClaiming,
  randomBytes,
  SVG_WITH_SCRIPT,
  withExifOrientation,
} from "./helpers/fixtures.ts";
import { decodeImage } from "../lib/image/decode.ts";
import { resizeArea } from "../lib/image/resize.ts";
import { encodeJpeg } from "../lib/segment/jpeg.ts";
import { encodeRgbaPng } from "../lib/image/png.ts";
import { PNG_SIGNATURE } from "../lib/bytes.ts";

const text = (s: string) => new TextEncoder().encode(s);

type Case = {
  name: string;
  body: () => Promise<Uint8Array> | Uint8Array;
  type?: string;
  filename?: string;
  status: number | number[];
  code?: string;
  size?: [number, number];
};

Deno.test("[api] hostile and odd input never yields a 500 and valid oddities work", async (t) => {
  const server = await startServer();
  const api = `${server.url}/api/segment`;
  const photo = await examplePhoto(); // 500×375
  const decoded = await decodeImage(photo);
  const scaled = (w: number, h: number) =>
    encodeJpeg(resizeArea(decoded.image, w, h), 85);
  const garbled = photo.slice();
  for (let i = 1200; i < garbled.length - 200; i += 97) garbled[i] ^= 0x5a;

  const cases: Case[] = [
    // Not images at all.
    {
      name: "empty file",
      body: () => new Uint8Array(0),
      status: 400,
      code: "empty_image",
    },
    {
      name: "plain text",
      body: () => text("just some words"),
      filename: "a.txt",
      type: "text/plain",
      status: 415,
      code: "unsupported_type",
    },
    {
      name: "HTML",
      body: () => text("<!doctype html><script>alert(1)</script>"),
      filename: "a.html",
      type: "text/html",
      status: 415,
      code: "unsupported_type",
    },
    {
      name: "SVG with script",
      body: () => SVG_WITH_SCRIPT,
      filename: "a.svg",
      type: "image/svg+xml",
      status: 415,
      code: "unsupported_type",
    },
    {
      name: "PDF",
      body: () => text("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF"),
      filename: "a.pdf",
      status: 415,
      code: "unsupported_type",
    },
    {
      name: "ZIP",
      body: () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(200)]),
      filename: "a.zip",
      status: 415,
      code: "unsupported_type",
    },
    {
      name: "random bytes",
      body: () => randomBytes(50_000, 7),
      status: 415,
      code: "unsupported_type",
    },
    // Broken images.
    {
      name: "truncated JPEG",
      body: () => photo.slice(0, photo.length / 3),
      status: 400,
      code: "corrupt_image",
    },
    { name: "garbled JPEG", body: () => garbled, status: [200, 400] },
    {
      name: "JPEG magic bytes only",
      body: () => new Uint8Array([0xff, 0xd8, 0xff]),
      status: 400,
      code: "corrupt_image",
    },
    {
      name: "PNG signature only",
      body: () => Uint8Array.from(PNG_SIGNATURE),
      status: 400,
      code: "corrupt_image",
    },
    {
      name: "GIF magic only",
      body: () => text("GIF89a"),
      status: 400,
      code: "corrupt_image",
    },
    // Bombs and lies.
    {
      name: "PNG header claiming 30000×30000",
      body: () => pngHeaderClaiming(30000, 30000),
      status: 422,
      code: "too_many_pixels",
    },
    {
      name: "PNG header claiming 100000×100000",
      body: () => pngHeaderClaiming(100000, 100000),
      status: 422,
      code: "too_many_pixels",
    },
    {
      name: "JPEG SOF claiming 60000×60000",
      body: () => jpegClaiming(photo, 60000, 60000),
      status: 422,
      code: "too_many_pixels",
    },
    {
      name: "real 12000×12000 PNG (~140 KB)",
      body: () => pngBomb(12000),
      status: 422,
      code: "too_many_pixels",
    },
    {
      name: "JPEG SOF claiming 0×0",
      body: () => jpegClaiming(photo, 0, 0),
      status: [400, 422],
    },
    // Valid oddities that must work.
    {
      name: "grayscale JPEG",
      body: () => fixtureImage("quadrants_gray.jpg"),
      status: 200,
      size: [48, 32],
    },
    {
      name: "CMYK JPEG",
      body: () => fixtureImage("quadrants_cmyk.jpg"),
      status: 200,
      size: [48, 32],
    },
    {
      name: "progressive JPEG",
      body: () => fixtureImage("quadrants_progressive.jpg"),
      status: 200,
      size: [48, 32],
    },
    {
      name: "palette PNG",
      body: () => fixtureImage("quadrants_palette.png"),
      status: 200,
      size: [48, 32],
    },
    {
      name: "RGBA PNG",
      body: () => fixtureImage("transparent.png"),
      status: 200,
    },
    {
      name: "16-bit PNG",
      body: () => fixtureImage("quadrants_rgb16.png"),
      status: 200,
      size: [48, 32],
    },
    {
      name: "interlaced PNG",
      body: () => fixtureImage("quadrants_interlaced.png"),
      status: 200,
      size: [48, 32],
    },
    {
      name: "GIF",
      body: () => fixtureImage("quadrants.gif"),
      status: 200,
      size: [48, 32],
    },
    {
      name: "animated GIF (first frame)",
      body: () => fixtureImage("animated.gif"),
      status: 200,
    },
    {
      name: "WebP",
      body: () => fixtureImage("quadrants_lossy.webp"),
      status: 200,
      size: [48, 32],
    },
    {
      name: "EXIF orientation 6 (phone portrait)",
      body: () => withExifOrientation(photo, 6),
      status: 200,
      size: [375, 500],
    },
    {
      name: "EXIF orientation 3",
      body: () => withExifOrientation(photo, 3),
      status: 200,
      size: [500, 375],
    },
    {
      name: "64×48 JPEG",
      body: () => scaled(64, 48),
      status: 200,
      size: [64, 48],
    },
    {
      name: "3000×200 panorama",
      body: () => scaled(3000, 200),
      status: 200,
      size: [3000, 200],
    },
    {
      name: "PNG named .jpg",
      body: () => encodeRgbaPng(resizeArea(decoded.image, 120, 90)),
      filename: "photo.jpg",
      type: "image/jpeg",
      status: 200,
      size: [120, 90],
    },
    // Formats phones send: read like any other photo.
    {
      name: "HEIC",
      body: () => fixtureImage("quadrants.heic"),
      filename: "IMG_0001.HEIC",
      type: "image/heic",
      status: 200,
      size: [48, 32],
    },
    {
      name: "AVIF",
      body: () => fixtureImage("quadrants.avif"),
      filename: "a.avif",
      type: "image/avif",
      status: 200,
      size: [48, 32],
    },
  ];

  for (const c of cases) {
    await t.step(c.name, async () => {
      const fd = imageForm(
        await c.body(),
        c.filename ?? "upload.bin",
        c.type ?? "application/octet-stream",
      );
      const res = await fetch(api, { method: "POST", body: fd });
      const statuses = Array.isArray(c.status) ? c.status : [c.status];
      const body = await res.json();
      assert.ok(
        statuses.includes(res.status),
        `${c.name}: got ${res.status} ${JSON.stringify(body).slice(0, 200)}`,
      );
      if (c.code) assert.equal(body.error?.code, c.code);
      if (res.status >= 400) assert.ok(body.error.message.length > 20);
      if (c.code === "unsupported_type") {
        assert.match(body.error.message, /JPEG/);
      }
      if (c.size) assert.deepEqual([body.width, body.height], c.size);
    });
  }

  await t.step("the server is still healthy", async () => {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    await res.body?.cancel();
  });
  await server.stop();
});

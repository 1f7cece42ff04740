/**
 * @module
 * Test inputs: real example photos and hostile or odd bytes, made in memory.
 */
import { concatBytes, PNG_SIGNATURE } from "../../lib/bytes.ts";
import { decodeImage } from "../../lib/image/decode.ts";
import { pngChunk } from "../../lib/image/png.ts";

const ROOT = new URL("../../", import.meta.url);

/** A shipped example photo (Oxford-IIIT Pet). */
export function examplePhoto(name = "Abyssinian_105.jpg"): Promise<Uint8Array> {
  return Deno.readFile(new URL(`static/examples/${name}`, ROOT));
}

/** A PNG whose header claims `w × h` pixels but carries almost no data (a "bomb" header). */
export function pngHeaderClaiming(w: number, h: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, w);
  dv.setUint32(4, h);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [
    Uint8Array.from(PNG_SIGNATURE),
    pngChunk("IHDR", ihdr),
    pngChunk(
      "IDAT",
      new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
    ),
    pngChunk("IEND", new Uint8Array(0)),
  ];
  return concatBytes(parts);
}

/** An SVG with a script in it. */
export const SVG_WITH_SCRIPT = new TextEncoder().encode(
  `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>`,
);

/** Deterministic pseudo-random bytes. */
export function randomBytes(n: number, seed = 42): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >>> 16;
  }
  return out;
}

/** A fixture image from `tests/fixtures/images/`. */
export function fixtureImage(name: string): Promise<Uint8Array> {
  return Deno.readFile(new URL(`tests/fixtures/images/${name}`, ROOT));
}

/**
 * Inserts an EXIF APP1 segment with the given orientation right after a
 * JPEG's SOI marker (as phones write it).
 */
export function withExifOrientation(
  jpeg: Uint8Array,
  orientation: number,
): Uint8Array {
  // TIFF little-endian header, IFD0 with one entry: 0x0112 SHORT 1 = orientation.
  const tiff = [
    0x49,
    0x49,
    0x2a,
    0x00,
    0x08,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    0x12,
    0x01,
    0x03,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00,
    orientation,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
  ];
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff];
  const len = payload.length + 2;
  const app1 = [0xff, 0xe1, len >> 8, len & 0xff, ...payload];
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2));
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}

/** Overwrites the first SOF marker's height and width (a lying JPEG header). */
export function jpegClaiming(
  jpeg: Uint8Array,
  w: number,
  h: number,
): Uint8Array {
  const out = jpeg.slice();
  for (let i = 2; i < out.length - 9; i++) {
    if (out[i] === 0xff && out[i + 1] >= 0xc0 && out[i + 1] <= 0xc2) {
      out[i + 5] = h >> 8;
      out[i + 6] = h & 0xff;
      out[i + 7] = w >> 8;
      out[i + 8] = w & 0xff;
      return out;
    }
  }
  throw new Error("no SOF marker");
}

/** A real, valid gray PNG of `width × height` zeros: tiny on disk, huge in memory. */
export async function pngBomb(
  width: number,
  height = width,
): Promise<Uint8Array> {
  const { deflateSync } = await import("node:zlib");
  const raw = new Uint8Array(height * (width + 1)); // filter byte 0 + zeros per row
  return png(
    { width, height, depth: 8, colorType: 0 },
    new Uint8Array(deflateSync(raw, { level: 9 })),
  );
}

/**
 * A real, valid 16-bit RGBA PNG with a gentle gradient: small on disk, eight
 * bytes per pixel once decoded.
 */
export async function png16Rgba(
  width: number,
  height: number,
): Promise<Uint8Array> {
  const { deflateSync } = await import("node:zlib");
  const stride = width * 8 + 1;
  const raw = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 1; // Sub filter: a steady step per pixel
    for (let x = 0; x < width; x++) {
      const p = row + 1 + x * 8;
      raw[p + 1] = x === 0 ? y & 255 : 1; // red rises along the row
      raw[p + 6] = x === 0 ? 255 : 0; // opaque
      raw[p + 7] = x === 0 ? 255 : 0;
    }
  }
  return png(
    { width, height, depth: 16, colorType: 6 },
    new Uint8Array(deflateSync(raw, { level: 6 })),
  );
}

function png(
  h: { width: number; height: number; depth: number; colorType: number },
  idat: Uint8Array,
): Uint8Array {
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, h.width);
  dv.setUint32(4, h.height);
  ihdr.set([h.depth, h.colorType, 0, 0, 0], 8);
  return concatBytes([
    Uint8Array.from(PNG_SIGNATURE),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", idat),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
}

/**
 * A lossless WebP header claiming `width × height` (a few bytes of data
 * after it): what a 1.6 KB WebP bomb looks like before decoding.
 */
export function webpLosslessClaiming(
  width: number,
  height: number,
): Uint8Array {
  const body = new Uint8Array(64);
  body[0] = 0x2f; // VP8L signature
  new DataView(body.buffer).setUint32(
    1,
    ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14),
    true,
  );
  const out = new Uint8Array(20 + body.length);
  const dv = new DataView(out.buffer);
  out.set(new TextEncoder().encode("RIFF"), 0);
  dv.setUint32(4, out.length - 8, true);
  out.set(new TextEncoder().encode("WEBPVP8L"), 8);
  dv.setUint32(16, body.length, true);
  out.set(body, 20);
  return out;
}

/**
 * A progressive JPEG claiming `w × h` whose last scan is repeated until it
 * has `scans` scans: each scan makes a progressive decoder re-read every
 * coefficient, so a small file costs seconds.
 */
export async function deepProgressiveJpeg(
  w: number,
  h: number,
  scans: number,
): Promise<Uint8Array> {
  const jpeg = jpegClaiming(
    await fixtureImage("quadrants_progressive.jpg"),
    w,
    h,
  );
  let last = -1;
  for (let i = 2; i < jpeg.length - 1; i++) {
    if (jpeg[i] === 0xff && jpeg[i + 1] === 0xda) last = i;
  }
  const eoi = jpeg.length - 2;
  const scan = jpeg.subarray(last, eoi);
  const parts = [jpeg.subarray(0, eoi)];
  const have = countScans(jpeg);
  for (let i = have; i < scans; i++) parts.push(scan);
  parts.push(jpeg.subarray(eoi));
  return concatBytes(parts);
}

function countScans(jpeg: Uint8Array): number {
  let n = 0;
  for (let i = 2; i < jpeg.length - 1; i++) {
    if (jpeg[i] === 0xff && jpeg[i + 1] === 0xda) n++;
  }
  return n;
}

/** Every `data-component` kind the `/demos/components` page must show. */
export const DEMO_COMPONENT_KINDS: readonly string[] = [
  "textbox",
  "number",
  "textarea",
  "radio",
  "dropdown",
  "slider",
  "checkbox",
  "file",
  "image",
  "audio",
  "microphone",
  "video",
  "sketchpad",
  "label",
  "gallery",
  "dataframe",
  "json",
  "markdown",
  "button",
  "row",
  "column",
];

/**
 * A multipart body with `bytes` as the `image` file, plus any extra fields, as
 * the app's page sends it.
 *
 * @example
 * await fetch(api, { method: "POST", body: imageForm(photo, "p.jpg", "image/jpeg", { share: "1" }) });
 */
export function imageForm(
  bytes: Uint8Array,
  name = "photo.jpg",
  type = "image/jpeg",
  extra: Record<string, string> = {},
): FormData {
  const fd = new FormData();
  fd.append("image", new File([bytes as BlobPart], name, { type }));
  for (const [k, v] of Object.entries(extra)) fd.append(k, v);
  return fd;
}

/** The size of a gray mask PNG and the set of gray values it contains. */
export async function maskValues(png: Uint8Array) {
  const { image, width, height } = await decodeImage(png);
  const seen = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) seen.add(image.data[i]);
  return { width, height, seen };
}

/**
 * @module
 * A streaming PNG decoder: the compressed data is inflated piece by piece
 * (the platform's `DecompressionStream`) and each scanline is unfiltered and
 * handed on as 8-bit RGBA before the next one is read, so a 40-megapixel PNG
 * never sits in memory as a whole — only two scanlines do. Every colour type
 * and bit depth (1–16 bits, palette with `tRNS`, gray and RGB colour keys,
 * gray+alpha) and Adam7 interlacing are read.
 *
 * {@link decodePngScaled} averages the rows into a smaller picture (what the
 * model and a share thumbnail need); {@link readPngRows} gives the rows to
 * any consumer (e.g. checking a mask pixel by pixel).
 */
import { corrupt } from "./errors.ts";
import type { RgbaImage } from "./rgba_image.ts";
import { converter, unfilter } from "./png_scanline.ts";

/** What IHDR says. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

/** Samples per pixel by colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/** Compressed bytes written to the inflater at a time (see `readPngRows`). */
const SLICE = 2048;
/** Inflated bytes between two calls of `pause`. */
const PAUSE_EVERY = 4 * 1024 * 1024;
/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/**
 * Bytes the decoder inflates for this PNG (every scanline with its filter
 * byte): what decoding costs in time, whatever the output size.
 */
export function pngRawBytes(h: PngHeader): number {
  const bits = CHANNELS[h.colorType] * h.bitDepth;
  let total = 0;
  for (const [xs, ys, dx, dy] of h.interlaced ? ADAM7 : [[0, 0, 1, 1]]) {
    const pw = Math.ceil((h.width - xs) / dx);
    const ph = Math.ceil((h.height - ys) / dy);
    if (pw > 0 && ph > 0) total += ph * (1 + Math.ceil((pw * bits) / 8));
  }
  return total;
}

/** Receives one decoded row: pixel `i` of `rgba` is at (`x0 + i*dx`, `y`). */
export type RowSink = (
  rgba: Uint8Array,
  count: number,
  y: number,
  x0: number,
  dx: number,
) => void;

interface Chunks {
  header: PngHeader;
  palette?: Uint8Array;
  trns?: Uint8Array;
  idat: Uint8Array[];
}

const u32 = (b: Uint8Array, o: number) =>
  ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

function readChunks(bytes: Uint8Array): Chunks {
  let pos = 8;
  let header: PngHeader | undefined;
  let palette: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const len = u32(bytes, pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const data = pos + 8;
    if (data + len + 4 > bytes.length) break; // truncated: use what there is
    const body = bytes.subarray(data, data + len);
    if (type === "IHDR") {
      if (len !== 13) throw corrupt("PNG");
      header = {
        width: u32(body, 0),
        height: u32(body, 4),
        bitDepth: body[8],
        colorType: body[9],
        interlaced: body[12] === 1,
      };
      if (
        !DEPTHS[header.colorType]?.includes(header.bitDepth) ||
        body[10] !== 0 || body[11] !== 0 || body[12] > 1 ||
        header.width === 0 || header.height === 0
      ) throw corrupt("PNG");
    } else if (type === "PLTE") palette = body;
    else if (type === "tRNS") trns = body;
    else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    pos = data + len + 4;
  }
  if (!header || !idat.length) throw corrupt("PNG");
  if (header.colorType === 3 && !palette) throw corrupt("PNG");
  return { header, palette, trns, idat };
}

/** Reads the IHDR of a PNG (throws `corrupt_image` when it is not a usable PNG). */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  return readChunks(bytes).header;
}

/**
 * Decodes `bytes` row by row into `sink`, calling `pause` between pieces of
 * inflated data (inline, it lets the event loop run). Throws
 * `corrupt_image` for a damaged or truncated file.
 *
 * @example
 * ```ts
 * await readPngRows(png, (rgba, n, y) => console.log(`row ${y}: ${n} pixels`));
 * ```
 */
export async function readPngRows(
  bytes: Uint8Array,
  sink: RowSink,
  pause: () => Promise<void> = async () => {},
): Promise<PngHeader> {
  const { header: h, palette, trns, idat } = readChunks(bytes);
  const channels = CHANNELS[h.colorType];
  const bits = channels * h.bitDepth;
  const bpp = Math.max(1, bits >> 3);
  const toRgba = converter(h, palette, trns);
  const passes = (h.interlaced ? ADAM7 : [[0, 0, 1, 1]]).map(
    ([xs, ys, dx, dy]) => ({
      xs,
      ys,
      dx,
      dy,
      pw: Math.ceil((h.width - xs) / dx),
      ph: Math.ceil((h.height - ys) / dy),
    }),
  ).filter((p) => p.pw > 0 && p.ph > 0);

  const ds = new DecompressionStream("deflate");
  const writer = ds.writable.getWriter();
  // Small input slices: deflate expands up to ~1000×, and the stream emits
  // one output chunk per input write, so 2 KB in means at most ~2 MB out.
  const feeding = (async () => {
    for (const part of idat) {
      for (let i = 0; i < part.length; i += SLICE) {
        await writer.write(
          part.subarray(i, i + SLICE) as Uint8Array<ArrayBuffer>,
        );
      }
    }
    await writer.close();
  })().catch(() => {});
  const reader = ds.readable.getReader();
  let chunk = new Uint8Array(0);
  let off = 0;
  let fed = 0;
  /** Takes `n` bytes from the inflated stream (null at its end), copying only across chunks. */
  const take = async (n: number, into: Uint8Array): Promise<boolean> => {
    let got = 0;
    while (got < n) {
      if (off >= chunk.length) {
        let r;
        try {
          r = await reader.read();
        } catch (err) {
          throw corrupt("PNG", err);
        }
        if (r.done) return false;
        chunk = r.value;
        off = 0;
        fed += chunk.length;
        if (fed >= PAUSE_EVERY) {
          fed = 0;
          await pause();
        }
      }
      const k = Math.min(n - got, chunk.length - off);
      into.set(chunk.subarray(off, off + k), got);
      got += k;
      off += k;
    }
    return true;
  };

  const rgba = new Uint8Array(h.width * 4);
  try {
    for (const p of passes) {
      const rowBytes = Math.ceil((p.pw * bits) / 8);
      const raw = new Uint8Array(rowBytes + 1);
      let prev = new Uint8Array(rowBytes);
      let cur = new Uint8Array(rowBytes);
      for (let r = 0; r < p.ph; r++) {
        if (!(await take(rowBytes + 1, raw))) throw corrupt("PNG"); // truncated
        cur.set(raw.subarray(1));
        unfilter(raw[0], cur, prev, bpp);
        toRgba(cur, p.pw, rgba);
        sink(rgba, p.pw, p.ys + r * p.dy, p.xs, p.dx);
        [prev, cur] = [cur, prev];
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
    await feeding;
  }
  return h;
}

/**
 * Decodes a PNG at `targetW`×`targetH` (at most its own size): each output
 * pixel is the average of the source pixels that fall into it, weighted by
 * alpha so that transparency later composites like the full-size picture.
 * At the PNG's own size it is an exact decode.
 *
 * @example
 * ```ts
 * const small = await decodePngScaled(png, 600, 450); // from a 6000×4500 PNG, in ~2 MB of memory
 * ```
 */
export async function decodePngScaled(
  bytes: Uint8Array,
  targetW: number,
  targetH: number,
  pause?: () => Promise<void>,
): Promise<RgbaImage> {
  const { width: w, height: h } = readChunks(bytes).header;
  const tw = Math.max(1, Math.min(w, Math.round(targetW)));
  const th = Math.max(1, Math.min(h, Math.round(targetH)));
  if (tw === w && th === h) {
    const data = new Uint8Array(w * h * 4);
    await readPngRows(bytes, (rgba, n, y, x0, dx) => {
      const base = y * w;
      if (dx === 1 && x0 === 0) data.set(rgba.subarray(0, n * 4), base * 4);
      else {
        for (let i = 0; i < n; i++) {
          const o = (base + x0 + i * dx) * 4, s = i * 4;
          data[o] = rgba[s];
          data[o + 1] = rgba[s + 1];
          data[o + 2] = rgba[s + 2];
          data[o + 3] = rgba[s + 3];
        }
      }
    }, pause);
    return { width: w, height: h, data };
  }
  const binX = new Uint32Array(w);
  for (let x = 0; x < w; x++) binX[x] = Math.min(tw - 1, ((x * tw) / w) | 0);
  const binY = new Uint32Array(h);
  for (let y = 0; y < h; y++) binY[y] = Math.min(th - 1, ((y * th) / h) | 0);
  // Per output pixel: alpha-weighted R, G, B, then alpha, then count.
  // Float32 is exact here while a bin holds < 250 source pixels (sums < 2^24).
  const sums = (w / tw) * (h / th) < 250
    ? new Float32Array(tw * th * 5)
    : new Float64Array(tw * th * 5);
  await readPngRows(bytes, (rgba, n, y, x0, dx) => {
    const row = binY[y] * tw;
    for (let i = 0; i < n; i++) {
      const s = i * 4;
      const a = rgba[s + 3];
      const o = (row + binX[x0 + i * dx]) * 5;
      sums[o] += rgba[s] * a;
      sums[o + 1] += rgba[s + 1] * a;
      sums[o + 2] += rgba[s + 2] * a;
      sums[o + 3] += a;
      sums[o + 4]++;
    }
  }, pause);
  const data = new Uint8Array(tw * th * 4);
  for (let p = 0; p < tw * th; p++) {
    const o = p * 5, q = p * 4;
    const a = sums[o + 3];
    if (a > 0) {
      data[q] = Math.round(sums[o] / a);
      data[q + 1] = Math.round(sums[o + 1] / a);
      data[q + 2] = Math.round(sums[o + 2] / a);
    }
    data[q + 3] = sums[o + 4] ? Math.round(a / sums[o + 4]) : 0;
  }
  return { width: tw, height: th, data };
}

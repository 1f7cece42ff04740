/**
 * @module
 * HEIC pixels through `libheif-js` (libheif with libde265, compiled to
 * WebAssembly; LGPL-3.0, used unmodified as an npm dependency; no FFI).
 * A single picture is decoded whole, with libheif applying `irot`/`imir`/
 * `clap`; a grid (how phones store photos: 512×512 tiles) is decoded tile by
 * tile into a {@linkcode TileCanvas} at the size the caller needs, so memory
 * holds one tile and the small picture, never the full photo. 10- and 12-bit
 * pictures come out as 8-bit RGBA (libheif's colour conversion).
 */

import { corrupt, ImageError } from "./errors.ts";
import type { HeifInfo } from "./heif_header.ts";
import type { RgbaImage } from "./rgba_image.ts";
import { TileCanvas } from "./tile_canvas.ts";

interface HeifError {
  code: number;
  message?: string;
}
interface DecodedChannels {
  code?: number;
  channels: {
    id: number;
    data: Uint8Array;
    width: number;
    height: number;
    stride: number;
  }[];
  image: unknown;
}
interface LibHeif {
  heif_context_alloc(): unknown;
  heif_context_free(ctx: unknown): void;
  heif_context_read_from_memory(ctx: unknown, bytes: Uint8Array): HeifError;
  heif_js_context_get_primary_image_handle(ctx: unknown): unknown;
  heif_js_context_get_image_handle(ctx: unknown, id: number): unknown;
  heif_js_decode_image2(
    handle: unknown,
    colorspace: number,
    chroma: number,
  ): DecodedChannels | Promise<DecodedChannels>;
  heif_image_release(img: unknown): void;
  heif_image_handle_release(handle: unknown): void;
  heif_colorspace_RGB: number;
  heif_chroma_interleaved_RGBA: number;
  heif_channel_interleaved: number;
  heif_error_Ok: number;
  /** The instance's memory (grows, never shrinks). */
  HEAPU8?: Uint8Array;
}

/**
 * When libheif's memory has grown past this, the next decode starts a fresh
 * instance: WebAssembly memory only grows, so one large single picture
 * would otherwise keep its buffers for the life of the worker. Tiles of a
 * grid stay well below it, so phone photos reuse the instance (a fresh one
 * costs a WASM compile, about 0.2–1 s).
 */
const RECYCLE_ABOVE_BYTES = 48 * 1024 * 1024;
let module: Promise<LibHeif> | undefined;
let recycle = false;

// The module carries its 1.4 MB of WASM inline: load it only when a HEIC arrives.
function libheif(): Promise<LibHeif> {
  if (recycle) {
    recycle = false;
    module = undefined;
  }
  module ??= import("libheif-js/libheif-wasm/libheif-bundle.mjs").then(
    (m) => (m.default as () => LibHeif)(),
  );
  return module;
}

/** What {@linkcode decodeHeic} gives back. */
export interface HeicPixels {
  /** RGBA, alpha as stored. */
  image: RgbaImage;
  /** Whether libheif already turned it upright (a single picture); a grid comes as stored. */
  oriented: boolean;
}

/**
 * Decodes a HEIC's primary image. `info` must come from `readHeifInfo` on
 * the same bytes, and the caller must have checked its budgets. A grid is
 * made at `targetWidth`×`targetHeight` (stored orientation; at most its
 * full size), a single picture at full size. `pause` runs between tiles.
 *
 * @example
 * ```ts
 * import { decodeHeic } from "./decode_heic.ts";
 * import { readHeifInfo } from "./heif_header.ts";
 * const bytes = await Deno.readFile("tests/fixtures/images/quadrants.heic");
 * const { image } = await decodeHeic(bytes, readHeifInfo(bytes), 48, 32);
 * [image.width, image.height]; // [48, 32]
 * ```
 */
export async function decodeHeic(
  bytes: Uint8Array,
  info: HeifInfo,
  targetWidth: number,
  targetHeight: number,
  pause?: () => Promise<void>,
): Promise<HeicPixels> {
  const heif = await libheif();
  try {
    return await decodeWith(
      heif,
      bytes,
      info,
      targetWidth,
      targetHeight,
      pause,
    );
  } catch (err) {
    // A trap inside the WASM (a damaged bitstream) may leave libheif in any
    // state: the next file gets a fresh instance.
    if (err instanceof ImageError) throw err;
    recycle = true;
    throw corrupt("HEIC", err);
  } finally {
    if ((heif.HEAPU8?.byteLength ?? 0) > RECYCLE_ABOVE_BYTES) recycle = true;
  }
}

async function decodeWith(
  heif: LibHeif,
  bytes: Uint8Array,
  info: HeifInfo,
  targetWidth: number,
  targetHeight: number,
  pause?: () => Promise<void>,
): Promise<HeicPixels> {
  const ctx = heif.heif_context_alloc();
  try {
    const err = heif.heif_context_read_from_memory(ctx, bytes);
    if (err.code !== heif.heif_error_Ok) throw corrupt("HEIC", err.message);
    if (!info.tiles) {
      const handle = heif.heif_js_context_get_primary_image_handle(ctx);
      // The pixels live in libheif's memory until released: copy them out.
      const image = await withPixels(heif, handle, (px) => ({
        ...px,
        data: px.data.slice(),
      }));
      return { image, oriented: true };
    }
    const canvas = new TileCanvas(
      info.width,
      info.height,
      targetWidth,
      targetHeight,
    );
    for (let i = 0; i < info.tiles.length; i++) {
      const handle = heif.heif_js_context_get_image_handle(ctx, info.tiles[i]);
      // Pasted straight from libheif's memory: no copy of the tile is made.
      await withPixels(heif, handle, (tile) =>
        canvas.paste(
          tile,
          (i % info.columns) * info.tileWidth,
          Math.floor(i / info.columns) * info.tileHeight,
        ));
      await pause?.();
    }
    return { image: canvas.image(), oriented: false };
  } finally {
    heif.heif_context_free(ctx);
  }
}

/**
 * Decodes one image item (a picture or a tile) and hands its RGBA, tightly
 * packed, to `use` — a view into libheif's memory, valid only during the call.
 */
async function withPixels<T>(
  heif: LibHeif,
  handle: unknown,
  use: (px: RgbaImage) => T,
): Promise<T> {
  if (!handle || (handle as HeifError).code) throw corrupt("HEIC");
  try {
    const out = await heif.heif_js_decode_image2(
      handle,
      heif.heif_colorspace_RGB,
      heif.heif_chroma_interleaved_RGBA,
    );
    if (!out || out.code) throw corrupt("HEIC");
    try {
      const ch = out.channels.find((c) =>
        c.id === heif.heif_channel_interleaved
      );
      if (!ch || ch.stride < ch.width * 4) throw corrupt("HEIC");
      const { width, height, stride } = ch;
      if (ch.data.length < stride * (height - 1) + width * 4) {
        throw corrupt("HEIC");
      }
      if (stride === width * 4) {
        return use({
          width,
          height,
          data: ch.data.subarray(0, width * height * 4),
        });
      }
      const data = new Uint8Array(width * height * 4);
      for (let y = 0; y < height; y++) {
        data.set(
          ch.data.subarray(y * stride, y * stride + width * 4),
          y * width * 4,
        );
      }
      return use({ width, height, data });
    } finally {
      heif.heif_image_release(out.image);
    }
  } finally {
    heif.heif_image_handle_release(handle);
  }
}

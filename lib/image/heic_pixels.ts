/**
 * @module
 * HEIC pixels out of a loaded libheif module (`libheif-js`, the same code on
 * the server and in the page): a single picture whole, upright (libheif
 * applies `irot`/`imir`/`clap`); a grid tile by tile into a
 * {@linkcode TileCanvas} at the size the caller needs, in stored
 * orientation. Loading the module is the caller's business: the server
 * imports the npm package, the page fetches the same file from `/heif/`.
 */

import { corrupt } from "./errors.ts";
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
/** What a libheif-js instance offers (the functions used here). */
export interface LibHeif {
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

/** What {@linkcode decodeHeicWith} gives back. */
export interface HeicPixels {
  /** RGBA, alpha as stored. */
  image: RgbaImage;
  /** Whether libheif already turned it upright (a single picture); a grid comes as stored. */
  oriented: boolean;
}

/**
 * Decodes a HEIC's primary image with `heif` (a libheif-js instance).
 * `info` must come from `readHeifInfo` on the same bytes. A grid is made at
 * `targetWidth`×`targetHeight` (stored orientation; at most its full size),
 * a single picture at full size. `pause` runs between tiles.
 *
 * @example
 * ```ts ignore
 * const heif = (await import("libheif-js/libheif-wasm/libheif-bundle.mjs")).default();
 * const { image } = await decodeHeicWith(heif, bytes, readHeifInfo(bytes), 48, 32);
 * ```
 */
export async function decodeHeicWith(
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

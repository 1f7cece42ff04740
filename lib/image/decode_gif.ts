/**
 * @module
 * The first frame of a GIF through imagescript's WebAssembly GIF decoder (no
 * FFI), placed on its logical screen over white, as a browser shows it
 * before the animation starts.
 */

import { corrupt } from "./errors.ts";
import { pasteOnWhite, type RgbaImage } from "./rgba_image.ts";

interface GifFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  buffer: Uint8Array;
}

interface GifLib {
  Decoder: new (
    bytes: Uint8Array,
  ) => { frame(): GifFrame | null; free(): void };
}

// The codec module carries its WASM inline (6 MB of source): load it only
// when a GIF arrives, not with every process and worker that imports this.
let codec: Promise<GifLib> | undefined;
function gifLib(): Promise<GifLib> {
  codec ??= import("imagescript/wasm/node/gif.js").then((m) =>
    (m.default as { init(): Promise<GifLib> }).init()
  );
  return codec;
}

/**
 * Size of the first frame as stored in its image descriptor. A GIF's frames
 * may be larger than its logical screen, so the pixel budget must be checked
 * against this too before decoding. Throws corrupt_image when there is no frame.
 *
 * @example
 * ```ts
 * import { firstGifFrameSize } from "./decode_gif.ts";
 * firstGifFrameSize(await Deno.readFile("tests/fixtures/images/quadrants.gif")); // { width: 48, height: 32 }
 * ```
 */
export function firstGifFrameSize(
  bytes: Uint8Array,
): { width: number; height: number } {
  const flags = bytes[10];
  let pos = 13 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0); // skip the global colour table
  while (pos < bytes.length) {
    const block = bytes[pos];
    if (block === 0x2c) { // image descriptor
      if (pos + 9 > bytes.length) break;
      return {
        width: bytes[pos + 5] | (bytes[pos + 6] << 8),
        height: bytes[pos + 7] | (bytes[pos + 8] << 8),
      };
    }
    if (block !== 0x21) break; // only extensions may come before the first frame
    pos += 2; // introducer and label, then data sub-blocks until a zero length
    while (pos < bytes.length && bytes[pos] !== 0) pos += bytes[pos] + 1;
    pos++;
  }
  throw corrupt("GIF");
}

/**
 * Decodes the first frame of a GIF onto its `width`×`height` logical screen.
 * Pixels outside the frame are white; the frame's transparent pixels keep
 * alpha 0 for the caller to composite.
 *
 * @example
 * ```ts
 * import { decodeGif } from "./decode_gif.ts";
 * const img = await decodeGif(await Deno.readFile("tests/fixtures/images/animated.gif"), 48, 32);
 * [img.width, img.height]; // [48, 32]
 * ```
 */
export async function decodeGif(
  bytes: Uint8Array,
  width: number,
  height: number,
): Promise<RgbaImage> {
  let frame: GifFrame | null;
  try {
    const decoder = new (await gifLib()).Decoder(bytes);
    frame = decoder.frame();
    decoder.free();
  } catch (err) {
    throw corrupt("GIF", err);
  }
  if (!frame || frame.buffer.length < frame.width * frame.height * 4) {
    throw corrupt("GIF");
  }
  const pixels = {
    width: frame.width,
    height: frame.height,
    data: frame.buffer,
  };
  return pasteOnWhite(pixels, frame.x, frame.y, width, height);
}

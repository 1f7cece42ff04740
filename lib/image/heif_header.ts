/**
 * @module
 * What a HEIC or AVIF file's headers say about its primary image, checked
 * against what its bitstream really codes: the size (`ispe`), the
 * orientation (`irot`/`imir`, as an EXIF orientation 1..8), the tile grid
 * (`grid`), the bit depth, and the size every coded picture or tile has in
 * its sequence header. Nothing is decoded; a file whose parts disagree, or
 * whose grid holds far more picture than it shows, is refused here — before
 * a decoder allocates anything.
 */

import { av1SequenceHeaders } from "./av1_sequence.ts";
import { heifBrand } from "./heif_brands.ts";
import { BoxError, u16, u32, u8 } from "./isobmff.ts";
import { corrupt, ImageError } from "./errors.ts";
import { spsInHvcc, spsInNalUnits } from "./hevc_sps.ts";
import {
  type HeifItem,
  type HeifItems,
  itemData,
  property,
  readHeifItems,
} from "./heif_items.ts";

/** Tiles a grid may have: a 48 MP iPhone photo has 192 of 512×512. */
export const MAX_TILES = 1024;
/** How much larger than `ispe` a coded picture may be (codecs pad to blocks of up to 64 or 128). */
const CODED_SLACK = 128;

/** A HEIF image's primary picture, as its headers describe it. */
export interface HeifInfo {
  /** "heic" (HEVC pictures) or "avif" (AV1 pictures). */
  format: "heic" | "avif";
  /** Size as stored (`ispe`), before `irot` turns it. */
  width: number;
  height: number;
  /** `irot` + `imir` as an EXIF orientation (1..8). */
  orientation: number;
  /** Bits per sample (8, 10 or 12). */
  bitDepth: number;
  /** Coded size of each picture the decoder makes (the whole image, or one tile). */
  codedWidth: number;
  codedHeight: number;
  /** The grid's tile item ids in raster order, or null for a single coded picture. */
  tiles: number[] | null;
  /** Size of one tile as shown (`ispe`); the whole image without a grid. */
  tileWidth: number;
  tileHeight: number;
  /** Columns of the grid (1 without one). */
  columns: number;
  /** Whether an alpha plane comes with it. */
  hasAlpha: boolean;
}

/**
 * Reads and cross-checks a HEIF file's primary image.
 *
 * Throws `ImageError`: `corrupt_image` for a truncated file or parts that
 * disagree (a bitstream larger than `ispe`, a grid larger than its output),
 * `unsupported_type` for a primary image we cannot decode (overlays,
 * uncompressed or JPEG items), `too_many_pixels` for more than
 * {@linkcode MAX_TILES} tiles.
 *
 * @example
 * ```ts
 * import { readHeifInfo } from "./heif_header.ts";
 * const info = readHeifInfo(await Deno.readFile("tests/fixtures/images/quadrants.avif"));
 * [info.format, info.width, info.height, info.orientation]; // ["avif", 48, 32, 1]
 * ```
 */
export function readHeifInfo(bytes: Uint8Array): HeifInfo {
  try {
    return interpret(bytes, readHeifItems(bytes));
  } catch (err) {
    if (err instanceof ImageError) throw err;
    if (err instanceof BoxError || err instanceof RangeError) {
      throw corrupt(heifBrand(bytes) === "avif" ? "AVIF" : "HEIC", err);
    }
    throw err;
  }
}

function interpret(bytes: Uint8Array, table: HeifItems): HeifInfo {
  const primary = table.items.get(table.primary);
  if (!primary) throw new BoxError("the primary item is not listed");
  const [width, height] = sizeOf(bytes, primary);
  const orientation = orientationOf(bytes, primary);
  const hasAlpha = [...table.items.values()].some((i) =>
    i.refs.get("auxl")?.includes(primary.id) && isAlpha(bytes, i)
  );
  if (primary.type === "grid") {
    return {
      ...readGrid(bytes, table, primary, width, height),
      orientation,
      hasAlpha,
    };
  }
  const coded = codedSize(bytes, table, primary);
  if (
    coded.width > width + CODED_SLACK || coded.height > height + CODED_SLACK
  ) throw lying();
  return {
    format: coded.format,
    width,
    height,
    orientation,
    bitDepth: coded.bitDepth,
    codedWidth: coded.width,
    codedHeight: coded.height,
    tiles: null,
    tileWidth: width,
    tileHeight: height,
    columns: 1,
    hasAlpha,
  };
}

function readGrid(
  bytes: Uint8Array,
  table: HeifItems,
  grid: HeifItem,
  width: number,
  height: number,
): Omit<HeifInfo, "orientation" | "hasAlpha"> {
  const data = itemData(bytes, table, grid, 16);
  const end = data.length;
  const flags = u8(data, 1, end);
  const rows = u8(data, 2, end) + 1, columns = u8(data, 3, end) + 1;
  const outW = flags & 1 ? u32(data, 4, end) : u16(data, 4, end);
  const outH = flags & 1 ? u32(data, 8, end) : u16(data, 6, end);
  if (outW !== width || outH !== height) throw lying();
  const tiles = grid.refs.get("dimg") ?? [];
  if (rows * columns > MAX_TILES) {
    throw new ImageError(
      "too_many_pixels",
      `This photo is split into ${
        rows * columns
      } tiles; at most ${MAX_TILES} can be read here. ` +
        "Save it as a JPEG and upload that copy.",
    );
  }
  if (tiles.length !== rows * columns) throw new BoxError("grid tile count");
  // Every tile has the same size (the format requires it); parse each one's
  // sequence headers once, however often the grid names it.
  const seen = new Map<number, ReturnType<typeof codedSize>>();
  // Tiles of a real file never share data: bytes scanned beyond the file's
  // own size mean items overlap on purpose, to make this loop expensive.
  let scanned = 0;
  let first: ReturnType<typeof codedSize> | undefined;
  for (const id of tiles) {
    let c = seen.get(id);
    if (!c) {
      const tile = table.items.get(id);
      if (!tile || tile.type === "grid") throw new BoxError("bad tile");
      scanned += tile.extents.reduce((n, e) => n + e.length, 0);
      if (scanned > bytes.length) throw new BoxError("tiles share data");
      c = codedSize(bytes, table, tile);
      const [tw, th] = sizeOf(bytes, tile, [c.width, c.height]);
      c = { ...c, tileWidth: tw, tileHeight: th };
      seen.set(id, c);
    }
    first ??= c;
    if (
      c.format !== first.format || c.width !== first.width ||
      c.height !== first.height || c.tileWidth !== first.tileWidth ||
      c.tileHeight !== first.tileHeight
    ) throw lying();
  }
  const t = first!;
  const tw = t.tileWidth!, th = t.tileHeight!;
  // The tiles must cover the output, and no row or column may lie wholly
  // outside it: otherwise a small picture could hide any amount of decoding.
  if (
    columns * tw < width || (columns - 1) * tw >= width ||
    rows * th < height || (rows - 1) * th >= height ||
    t.width > tw + CODED_SLACK || t.height > th + CODED_SLACK
  ) throw lying();
  return {
    format: t.format,
    width,
    height,
    bitDepth: t.bitDepth,
    codedWidth: t.width,
    codedHeight: t.height,
    tiles,
    tileWidth: tw,
    tileHeight: th,
    columns,
  };
}

/** The largest picture a coded item's bitstream may hold, and its codec. */
function codedSize(
  bytes: Uint8Array,
  table: HeifItems,
  item: HeifItem,
): {
  format: "heic" | "avif";
  width: number;
  height: number;
  bitDepth: number;
  tileWidth?: number;
  tileHeight?: number;
} {
  const data = itemData(bytes, table, item);
  if (item.type === "hvc1") {
    const hvcC = property(item, "hvcC");
    if (!hvcC) throw new BoxError("no hvcC");
    const config = bytes.subarray(hvcC.body, hvcC.end);
    const lengthSize = ((config[21] ?? 0) & 3) + 1;
    // libheif feeds the configuration's NAL units, then the item's own:
    // an SPS in either decides what the decoder allocates.
    const all = [...spsInHvcc(config), ...spsInNalUnits(data, lengthSize)];
    if (!all.length) throw new BoxError("no SPS");
    return {
      format: "heic",
      width: Math.max(...all.map((s) => s.width)),
      height: Math.max(...all.map((s) => s.height)),
      bitDepth: Math.max(...all.map((s) => s.bitDepth)),
    };
  }
  if (item.type === "av01") {
    const av1C = property(item, "av1C");
    if (!av1C) throw new BoxError("no av1C");
    const config = bytes.subarray(av1C.body, av1C.end);
    if (config.length < 4) throw new BoxError("av1C cut off");
    const depth = config[2] & 0x20 ? 12 : config[2] & 0x40 ? 10 : 8;
    const all = [
      ...av1SequenceHeaders(config.subarray(4)),
      ...av1SequenceHeaders(data),
    ];
    if (!all.length) throw new BoxError("no sequence header");
    return {
      format: "avif",
      width: Math.max(...all.map((s) => s.width)),
      height: Math.max(...all.map((s) => s.height)),
      bitDepth: depth,
    };
  }
  throw new ImageError(
    "unsupported_type",
    `This HEIC or AVIF file's picture is stored in a way we cannot read ("${item.type}" items). ` +
      "Save it as a JPEG or PNG and upload that copy.",
  );
}

/** `ispe` width and height; `fallback` (or corrupt) when missing. */
function sizeOf(
  bytes: Uint8Array,
  item: HeifItem,
  fallback?: [number, number],
): [number, number] {
  const ispe = property(item, "ispe");
  if (!ispe) {
    if (fallback) return fallback;
    throw new BoxError("no ispe");
  }
  const w = u32(bytes, ispe.body + 4, ispe.end);
  const h = u32(bytes, ispe.body + 8, ispe.end);
  if (w === 0 || h === 0) throw new BoxError("empty ispe");
  return [w, h];
}

/**
 * `irot` (counter-clockwise quarter turns) then `imir` (0: top↔bottom,
 * 1: left↔right), applied in the order the properties are listed, as the
 * EXIF orientation that shows the same picture.
 */
function orientationOf(bytes: Uint8Array, item: HeifItem): number {
  // Track where the stored top-left corner goes as a 2×2 matrix [a b; c d].
  let m = [1, 0, 0, 1];
  for (const p of item.props) {
    if (p.type === "irot") {
      for (let i = 0, n = u8(bytes, p.body, p.end) & 3; i < n; i++) {
        m = [m[2], m[3], -m[0], -m[1]]; // rotate 90° anti-clockwise
      }
    } else if (p.type === "imir") {
      m = (u8(bytes, p.body, p.end) & 1)
        ? [-m[0], -m[1], m[2], m[3]] // left ↔ right
        : [m[0], m[1], -m[2], -m[3]]; // top ↔ bottom
    }
  }
  return EXIF_OF[m.join(",")] ?? 1;
}

/** EXIF orientation per display matrix (x' = a·x + b·y, y' = c·x + d·y). */
const EXIF_OF: Record<string, number> = {
  "1,0,0,1": 1,
  "-1,0,0,1": 2,
  "-1,0,0,-1": 3,
  "1,0,0,-1": 4,
  "0,1,1,0": 5,
  "0,-1,1,0": 6,
  "0,-1,-1,0": 7,
  "0,1,-1,0": 8,
};

function isAlpha(bytes: Uint8Array, item: HeifItem): boolean {
  const auxC = property(item, "auxC");
  if (!auxC) return false;
  const urn = new TextDecoder().decode(bytes.subarray(auxC.body + 4, auxC.end));
  return urn.includes(":alpha");
}

function lying(): ImageError {
  return new ImageError(
    "corrupt_image",
    "This HEIC or AVIF file's headers and picture data disagree about its size, so we cannot read it safely. " +
      "Save the photo again (or as a JPEG) and upload the new copy.",
  );
}

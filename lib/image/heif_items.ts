/**
 * @module
 * The item table of a HEIF file (HEIC and AVIF alike, ISO/IEC 23008-12): the
 * `meta` box's items (`iinf`), which one is primary (`pitm`), their
 * properties (`iprp`: `ipco` + `ipma`), references between them (`iref`) and
 * where their data lies (`iloc`, `idat`). Headers only, never pixels, with a
 * cap on how many items and references a file may declare, so reading it
 * costs a few milliseconds whatever the file claims.
 */

import {
  type Box,
  BoxError,
  boxes,
  findBox,
  fourcc,
  u16,
  u32,
  u8,
  uint,
} from "./isobmff.ts";

/** Items a file may declare (an iPhone photo has about 60; a 48 MP one about 200). */
export const MAX_ITEMS = 4096;

/** One item: an image (coded, grid, …), metadata (Exif) or other. */
export interface HeifItem {
  id: number;
  /** Item type, e.g. "hvc1", "av01", "grid", "Exif". */
  type: string;
  /** Its properties in `ipma` order (box positions in the file). */
  props: Box[];
  /** Outgoing references by type ("dimg", "auxl", "thmb", "cdsc"), in order. */
  refs: Map<string, number[]>;
  /** Where its data lies: file offsets (construction 0) or `idat` offsets (1). */
  extents: { offset: number; length: number }[];
  /** 0: in the file; 1: in the `meta` box's `idat`. */
  construction: number;
}

/** The parsed item table. */
export interface HeifItems {
  /** The primary item's id (`pitm`). */
  primary: number;
  items: Map<number, HeifItem>;
  /** The `idat` box body, for items stored there. */
  idat?: { start: number; end: number };
}

/**
 * Reads the item table from a whole HEIF file. Throws {@linkcode BoxError}
 * for boxes that do not fit, a missing `meta`/`pitm`/`iinf`, or more than
 * {@linkcode MAX_ITEMS} items.
 *
 * @example
 * ```ts
 * import { readHeifItems } from "./heif_items.ts";
 * const { primary, items } = readHeifItems(await Deno.readFile("tests/fixtures/images/quadrants.heic"));
 * items.get(primary)?.type; // "hvc1"
 * ```
 */
export function readHeifItems(bytes: Uint8Array): HeifItems {
  const meta = findBox(bytes, 0, bytes.length, "meta");
  if (!meta) throw new BoxError("no meta box");
  // meta is a full box: version and flags, then its children.
  const kids = new Map<string, Box>();
  for (const b of boxes(bytes, meta.body + 4, meta.end)) {
    if (!kids.has(b.type)) kids.set(b.type, b);
  }
  const pitm = kids.get("pitm");
  const iinf = kids.get("iinf");
  if (!pitm || !iinf) throw new BoxError("no primary item or item list");
  const primary = u8(bytes, pitm.body, pitm.end) === 0
    ? u16(bytes, pitm.body + 4, pitm.end)
    : u32(bytes, pitm.body + 4, pitm.end);
  const items = readItemInfo(bytes, iinf);
  const iloc = kids.get("iloc");
  if (iloc) readLocations(bytes, iloc, items);
  const iprp = kids.get("iprp");
  if (iprp) readProperties(bytes, iprp, items);
  const iref = kids.get("iref");
  if (iref) readReferences(bytes, iref, items);
  const idat = kids.get("idat");
  return {
    primary,
    items,
    idat: idat && { start: idat.body, end: idat.end },
  };
}

/**
 * An item's data: its extents joined (a view of the file when there is one
 * extent, else a copy), checked to lie inside the file. Throws
 * {@linkcode BoxError} when the file is cut short.
 *
 * @example
 * ```ts
 * import { itemData, readHeifItems } from "./heif_items.ts";
 * const table = readHeifItems(file);
 * itemData(file, table, table.items.get(table.primary)!).length; // the coded picture's size
 * ```
 */
export function itemData(
  bytes: Uint8Array,
  table: HeifItems,
  item: HeifItem,
  maxBytes = bytes.length,
): Uint8Array {
  let base = 0, end = bytes.length;
  if (item.construction === 1) {
    if (!table.idat) throw new BoxError("item data in a missing idat");
    base = table.idat.start;
    end = table.idat.end;
  } else if (item.construction !== 0) {
    throw new BoxError(`construction method ${item.construction}`);
  }
  let total = 0;
  for (const e of item.extents) {
    if (base + e.offset + e.length > end) {
      throw new BoxError("item data cut off");
    }
    total += e.length;
  }
  if (total > maxBytes) throw new BoxError("item data larger than the file");
  if (item.extents.length === 1) {
    const e = item.extents[0];
    return bytes.subarray(base + e.offset, base + e.offset + e.length);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of item.extents) {
    out.set(bytes.subarray(base + e.offset, base + e.offset + e.length), at);
    at += e.length;
  }
  return out;
}

/**
 * The first property of `type` an item has, or undefined.
 *
 * @example
 * ```ts
 * import { property } from "./heif_items.ts";
 * property(item, "ispe"); // { type: "ispe", start, body, end }
 * ```
 */
export function property(item: HeifItem, type: string): Box | undefined {
  return item.props.find((p) => p.type === type);
}

function readItemInfo(bytes: Uint8Array, iinf: Box): Map<number, HeifItem> {
  const version = u8(bytes, iinf.body, iinf.end);
  const count = version === 0
    ? u16(bytes, iinf.body + 4, iinf.end)
    : u32(bytes, iinf.body + 4, iinf.end);
  if (count > MAX_ITEMS) throw new BoxError(`${count} items`);
  const items = new Map<number, HeifItem>();
  const first = iinf.body + (version === 0 ? 6 : 8);
  for (const infe of boxes(bytes, first, iinf.end)) {
    if (infe.type !== "infe") continue;
    if (items.size >= MAX_ITEMS) throw new BoxError("too many items");
    const v = u8(bytes, infe.body, infe.end);
    // Versions 0 and 1 describe files, not images; HEIF uses 2 and 3.
    if (v < 2) continue;
    const idSize = v === 2 ? 2 : 4;
    const id = uint(bytes, infe.body + 4, idSize, infe.end);
    const type = fourcc(bytes, infe.body + 4 + idSize + 2, infe.end);
    items.set(id, {
      id,
      type,
      props: [],
      refs: new Map(),
      extents: [],
      construction: 0,
    });
  }
  return items;
}

function readLocations(
  bytes: Uint8Array,
  iloc: Box,
  items: Map<number, HeifItem>,
): void {
  const end = iloc.end;
  const version = u8(bytes, iloc.body, end);
  let at = iloc.body + 4;
  const sizes = u8(bytes, at, end), more = u8(bytes, at + 1, end);
  const offsetSize = sizes >> 4, lengthSize = sizes & 15;
  const baseSize = more >> 4;
  const indexSize = version === 1 || version === 2 ? more & 15 : 0;
  for (const s of [offsetSize, lengthSize, baseSize, indexSize]) {
    if (![0, 4, 8].includes(s)) throw new BoxError(`iloc field size ${s}`);
  }
  at += 2;
  const count = version < 2 ? u16(bytes, at, end) : u32(bytes, at, end);
  at += version < 2 ? 2 : 4;
  if (count > MAX_ITEMS) throw new BoxError(`${count} item locations`);
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? u16(bytes, at, end) : u32(bytes, at, end);
    at += version < 2 ? 2 : 4;
    let construction = 0;
    if (version === 1 || version === 2) {
      construction = u16(bytes, at, end) & 15;
      at += 2;
    }
    at += 2; // data_reference_index: 0 means "this file", the only kind we read
    const base = uint(bytes, at, baseSize, end);
    at += baseSize;
    const extentCount = u16(bytes, at, end);
    at += 2;
    // Each extent takes at least one byte of the box: the box size bounds the loop.
    if (extentCount * (indexSize + offsetSize + lengthSize) > end - at) {
      throw new BoxError("iloc extents cut off");
    }
    const extents = [];
    for (let e = 0; e < extentCount; e++) {
      at += indexSize;
      const offset = uint(bytes, at, offsetSize, end);
      at += offsetSize;
      const length = uint(bytes, at, lengthSize, end);
      at += lengthSize;
      extents.push({ offset: base + offset, length });
    }
    const item = items.get(id);
    if (item) {
      item.extents = extents;
      item.construction = construction;
    }
  }
}

function readProperties(
  bytes: Uint8Array,
  iprp: Box,
  items: Map<number, HeifItem>,
): void {
  const ipco = findBox(bytes, iprp.body, iprp.end, "ipco");
  if (!ipco) return;
  const props = [...boxes(bytes, ipco.body, ipco.end)];
  for (const ipma of boxes(bytes, iprp.body, iprp.end)) {
    if (ipma.type !== "ipma") continue;
    const end = ipma.end;
    const version = u8(bytes, ipma.body, end);
    const wide = (u8(bytes, ipma.body + 3, end) & 1) === 1;
    const count = u32(bytes, ipma.body + 4, end);
    let at = ipma.body + 8;
    if (count > MAX_ITEMS) throw new BoxError(`${count} property entries`);
    for (let i = 0; i < count; i++) {
      const id = version < 1 ? u16(bytes, at, end) : u32(bytes, at, end);
      at += version < 1 ? 2 : 4;
      const n = u8(bytes, at, end);
      at += 1;
      const item = items.get(id);
      for (let k = 0; k < n; k++) {
        // Index 0 means "no property"; indexes are 1-based into ipco.
        const index = wide
          ? u16(bytes, at, end) & 0x7fff
          : u8(bytes, at, end) & 0x7f;
        at += wide ? 2 : 1;
        if (index === 0) continue;
        const prop = props[index - 1];
        if (!prop) throw new BoxError(`property ${index} does not exist`);
        item?.props.push(prop);
      }
    }
  }
}

function readReferences(
  bytes: Uint8Array,
  iref: Box,
  items: Map<number, HeifItem>,
): void {
  const version = u8(bytes, iref.body, iref.end);
  const idSize = version === 0 ? 2 : 4;
  let total = 0;
  for (const ref of boxes(bytes, iref.body + 4, iref.end)) {
    const from = uint(bytes, ref.body, idSize, ref.end);
    const count = u16(bytes, ref.body + idSize, ref.end);
    if (ref.body + idSize + 2 + count * idSize > ref.end) {
      throw new BoxError("reference list cut off");
    }
    total += count;
    if (total > MAX_ITEMS * 4) throw new BoxError("too many references");
    const to: number[] = [];
    for (let i = 0; i < count; i++) {
      to.push(uint(bytes, ref.body + idSize + 2 + i * idSize, idSize, ref.end));
    }
    const item = items.get(from);
    if (item) {
      item.refs.set(ref.type, [...(item.refs.get(ref.type) ?? []), ...to]);
    }
  }
}

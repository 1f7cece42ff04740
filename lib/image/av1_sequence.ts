/**
 * @module
 * The largest frame an AV1 bitstream may code, read from its sequence
 * headers: in the `av1C` configuration and in the item's own OBUs. An
 * AVIF's `ispe` box only claims a size; the decoder allocates what the
 * sequence header allows, so that is what the decode budget is checked
 * against.
 */

import { BitReader } from "./bit_reader.ts";

/** OBU type of a sequence header. */
const SEQUENCE_HEADER = 1;

/** What a sequence header allows. */
export interface Av1Sequence {
  /** Largest frame width and height the stream may code. */
  width: number;
  height: number;
}

/**
 * Every sequence header among the OBUs in `data` (an AVIF item's data, or
 * the config OBUs after `av1C`'s 4 fixed bytes). Throws `RangeError` when an
 * OBU runs past the data (a truncated file).
 *
 * @example
 * ```ts
 * import { av1SequenceHeaders } from "./av1_sequence.ts";
 * av1SequenceHeaders(itemData); // [{ width: 48, height: 32 }]
 * ```
 */
export function av1SequenceHeaders(data: Uint8Array): Av1Sequence[] {
  const out: Av1Sequence[] = [];
  for (let at = 0; at < data.length;) {
    const header = data[at];
    const type = (header >> 3) & 15;
    const hasExtension = (header >> 2) & 1;
    const hasSize = (header >> 1) & 1;
    at += 1 + hasExtension;
    let size = data.length - at;
    if (hasSize) {
      const leb = readLeb128(data, at);
      size = leb.value;
      at += leb.length;
    }
    if (at > data.length || at + size > data.length) {
      throw new RangeError("OBU cut off");
    }
    if (type === SEQUENCE_HEADER) {
      out.push(parseSequenceHeader(data.subarray(at, at + size)));
    }
    at += size;
  }
  return out;
}

function readLeb128(
  data: Uint8Array,
  at: number,
): { value: number; length: number } {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    if (at + i >= data.length) throw new RangeError("OBU size cut off");
    const b = data[at + i];
    value += (b & 0x7f) * 2 ** (7 * i);
    if (!(b & 0x80)) return { value, length: i + 1 };
  }
  throw new RangeError("OBU size too long");
}

/** AV1 spec §5.5.1 up to max_frame_height_minus_1. */
function parseSequenceHeader(obu: Uint8Array): Av1Sequence {
  const r = new BitReader(obu);
  r.skip(3); // seq_profile
  r.skip(1); // still_picture
  const reduced = r.bit();
  if (reduced) {
    r.skip(5); // seq_level_idx[0]
  } else {
    const timingInfo = r.bit();
    let decoderModelInfo = 0, bufferDelayLength = 0;
    if (timingInfo) {
      r.skip(64); // num_units_in_display_tick, time_scale
      if (r.bit()) r.uvlc(); // equal_picture_interval → num_ticks_per_picture_minus_1
      decoderModelInfo = r.bit();
      if (decoderModelInfo) {
        bufferDelayLength = r.bits(5) + 1;
        r.skip(32 + 5 + 5); // decoding tick, removal and presentation time lengths
      }
    }
    const initialDisplayDelay = r.bit();
    const operatingPoints = r.bits(5) + 1;
    for (let i = 0; i < operatingPoints; i++) {
      r.skip(12); // operating_point_idc
      if (r.bits(5) > 7) r.skip(1); // seq_level_idx → seq_tier
      if (decoderModelInfo && r.bit()) r.skip(2 * bufferDelayLength + 1);
      if (initialDisplayDelay && r.bit()) r.skip(4);
    }
  }
  const widthBits = r.bits(4) + 1;
  const heightBits = r.bits(4) + 1;
  return { width: r.bits(widthBits) + 1, height: r.bits(heightBits) + 1 };
}

/**
 * @module
 * The picture size an HEVC (H.265) bitstream really codes, read from its
 * sequence parameter sets: in the `hvcC` configuration and in the item's
 * own NAL units. A HEIC's `ispe` box only claims a size; the decoder
 * allocates what the SPS says, so that is what the decode budget must be
 * checked against.
 */

import { BitReader } from "./bit_reader.ts";

/** NAL unit type of a sequence parameter set. */
const SPS = 33;

/** What an SPS says about the pictures that follow it. */
export interface HevcSps {
  /** Coded size in luma samples (before the conformance window crops it). */
  width: number;
  height: number;
  /** Luma bit depth (8–16). */
  bitDepth: number;
}

/**
 * Every SPS in an `hvcC` box body (its parameter-set arrays), in order.
 * Throws `RangeError` when the box is cut short.
 *
 * @example
 * ```ts
 * import { spsInHvcc } from "./hevc_sps.ts";
 * spsInHvcc(hvccBody); // [{ width: 48, height: 32, bitDepth: 8 }]
 * ```
 */
export function spsInHvcc(hvcc: Uint8Array): HevcSps[] {
  if (hvcc.length < 23) throw new RangeError("hvcC cut off");
  const out: HevcSps[] = [];
  let at = 23;
  for (let a = 0, arrays = hvcc[22]; a < arrays; a++) {
    if (at + 3 > hvcc.length) throw new RangeError("hvcC cut off");
    const type = hvcc[at] & 0x3f;
    const count = (hvcc[at + 1] << 8) | hvcc[at + 2];
    at += 3;
    for (let i = 0; i < count; i++) {
      if (at + 2 > hvcc.length) throw new RangeError("hvcC cut off");
      const len = (hvcc[at] << 8) | hvcc[at + 1];
      at += 2;
      if (at + len > hvcc.length) throw new RangeError("hvcC cut off");
      if (type === SPS) out.push(parseSps(hvcc.subarray(at, at + len)));
      at += len;
    }
  }
  return out;
}

/**
 * Length-prefixed NAL units of a coded item (`lengthSize` bytes each, from
 * `hvcC`): every SPS among them, parsed. Throws `RangeError` when a unit
 * runs past the data (a truncated file).
 *
 * @example
 * ```ts
 * import { spsInNalUnits } from "./hevc_sps.ts";
 * spsInNalUnits(itemData, 4); // usually [] — the SPS lives in hvcC
 * ```
 */
export function spsInNalUnits(data: Uint8Array, lengthSize: number): HevcSps[] {
  const out: HevcSps[] = [];
  for (let at = 0; at < data.length;) {
    if (at + lengthSize > data.length) throw new RangeError("NAL unit cut off");
    let len = 0;
    for (let i = 0; i < lengthSize; i++) len = len * 256 + data[at + i];
    at += lengthSize;
    if (len === 0 || at + len > data.length) {
      throw new RangeError("NAL unit cut off");
    }
    if (((data[at] >> 1) & 0x3f) === SPS) {
      out.push(parseSps(data.subarray(at, at + len)));
    }
    at += len;
  }
  return out;
}

/** H.265 §7.3.2.2 up to the bit depth; `nal` starts with its 2-byte header. */
function parseSps(nal: Uint8Array): HevcSps {
  // The fields up to the bit depth fit in well under 512 bytes.
  const r = new BitReader(unescape(nal.subarray(2, 514)));
  r.skip(4); // sps_video_parameter_set_id
  const maxSubLayersMinus1 = r.bits(3);
  r.skip(1); // sps_temporal_id_nesting_flag
  // profile_tier_level(1, maxSubLayersMinus1)
  r.skip(88 + 8); // general profile (88 bits) and general_level_idc
  const profilePresent: number[] = [], levelPresent: number[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    profilePresent.push(r.bit());
    levelPresent.push(r.bit());
  }
  if (maxSubLayersMinus1 > 0) r.skip(2 * (8 - maxSubLayersMinus1));
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    if (profilePresent[i]) r.skip(88);
    if (levelPresent[i]) r.skip(8);
  }
  r.ue(); // sps_seq_parameter_set_id
  const chroma = r.ue();
  if (chroma === 3) r.skip(1); // separate_colour_plane_flag
  const width = r.ue();
  const height = r.ue();
  if (r.bit()) { // conformance_window_flag
    r.ue(), r.ue(), r.ue(), r.ue();
  }
  const bitDepth = r.ue() + 8;
  return { width, height, bitDepth };
}

/** Removes emulation-prevention bytes (00 00 03 → 00 00). */
function unescape(rbsp: Uint8Array): Uint8Array {
  const out = new Uint8Array(rbsp.length);
  let n = 0, zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    zeros = b === 0 ? zeros + 1 : 0;
    out[n++] = b;
  }
  return out.subarray(0, n);
}

/**
 * @module
 * One PNG scanline at a time: undoing its filter against the row above
 * ({@link unfilter}) and turning its samples — any colour type and bit
 * depth, palette with `tRNS`, colour keys — into 8-bit RGBA
 * ({@link converter}). Used by the streaming decoder (`png_stream.ts`).
 */
import { corrupt } from "./errors.ts";

/** Undoes a scanline's filter in place (`cur`), against the row above (`prev`). */
export function unfilter(
  type: number,
  cur: Uint8Array,
  prev: Uint8Array,
  bpp: number,
): void {
  const n = cur.length;
  switch (type) {
    case 0:
      return;
    case 1:
      for (let i = bpp; i < n; i++) cur[i] = (cur[i] + cur[i - bpp]) & 255;
      return;
    case 2:
      for (let i = 0; i < n; i++) cur[i] = (cur[i] + prev[i]) & 255;
      return;
    case 3:
      for (let i = 0; i < n; i++) {
        const left = i >= bpp ? cur[i - bpp] : 0;
        cur[i] = (cur[i] + ((left + prev[i]) >> 1)) & 255;
      }
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? cur[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const pa = Math.abs(b - c), pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        const pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        cur[i] = (cur[i] + pred) & 255;
      }
      return;
    default:
      throw corrupt("PNG");
  }
}

/** A function turning one unfiltered scanline into 8-bit RGBA. */
export function converter(
  h: { bitDepth: number; colorType: number },
  palette?: Uint8Array,
  trns?: Uint8Array,
): (row: Uint8Array, n: number, out: Uint8Array) => void {
  const d = h.bitDepth;
  switch (h.colorType) {
    case 0: { // gray, optional colour key
      const key = trns && trns.length >= 2 ? (trns[0] << 8) | trns[1] : -1;
      const max = (1 << Math.min(d, 8)) - 1;
      return (row, n, out) => {
        for (let i = 0; i < n; i++) {
          let v: number, raw: number;
          if (d === 16) {
            raw = (row[2 * i] << 8) | row[2 * i + 1];
            v = row[2 * i];
          } else if (d === 8) raw = v = row[i];
          else {
            const perByte = 8 / d;
            raw = (row[(i / perByte) | 0] >> (8 - d * (1 + (i % perByte)))) &
              max;
            v = Math.round((raw * 255) / max);
          }
          const o = i * 4;
          out[o] = out[o + 1] = out[o + 2] = v;
          out[o + 3] = raw === key ? 0 : 255;
        }
      };
    }
    case 2: { // RGB, optional colour key
      const key = trns && trns.length >= 6
        ? [
          (trns[0] << 8) | trns[1],
          (trns[2] << 8) | trns[3],
          (trns[4] << 8) | trns[5],
        ]
        : null;
      return (row, n, out) => {
        for (let i = 0; i < n; i++) {
          const o = i * 4;
          let r, g, b, rr, gg, bb;
          if (d === 16) {
            const s = i * 6;
            r = row[s], g = row[s + 2], b = row[s + 4];
            rr = (r << 8) | row[s + 1];
            gg = (g << 8) | row[s + 3];
            bb = (b << 8) | row[s + 5];
          } else {
            const s = i * 3;
            rr = r = row[s], gg = g = row[s + 1], bb = b = row[s + 2];
          }
          out[o] = r, out[o + 1] = g, out[o + 2] = b;
          out[o + 3] = key && rr === key[0] && gg === key[1] && bb === key[2]
            ? 0
            : 255;
        }
      };
    }
    case 3: { // palette
      const pal = palette!;
      const entries = (pal.length / 3) | 0;
      const mask = (1 << d) - 1;
      const perByte = 8 / d;
      return (row, n, out) => {
        for (let i = 0; i < n; i++) {
          const idx = d === 8
            ? row[i]
            : (row[(i / perByte) | 0] >> (8 - d * (1 + (i % perByte)))) & mask;
          if (idx >= entries) throw corrupt("PNG");
          const o = i * 4;
          out[o] = pal[idx * 3];
          out[o + 1] = pal[idx * 3 + 1];
          out[o + 2] = pal[idx * 3 + 2];
          out[o + 3] = trns && idx < trns.length ? trns[idx] : 255;
        }
      };
    }
    case 4: // gray + alpha
      return (row, n, out) => {
        const step = d === 16 ? 4 : 2;
        const a = d === 16 ? 2 : 1;
        for (let i = 0; i < n; i++) {
          const s = i * step, o = i * 4;
          out[o] = out[o + 1] = out[o + 2] = row[s];
          out[o + 3] = row[s + a];
        }
      };
    default: // 6: RGBA
      return (row, n, out) => {
        if (d === 8) {
          out.set(row.subarray(0, n * 4));
          return;
        }
        for (let i = 0; i < n; i++) {
          const s = i * 8, o = i * 4;
          out[o] = row[s];
          out[o + 1] = row[s + 2];
          out[o + 2] = row[s + 4];
          out[o + 3] = row[s + 6];
        }
      };
  }
}

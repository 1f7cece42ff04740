/**
 * @module
 * A bounds-checked MSB-first bit reader for codec headers (HEVC parameter
 * sets, AV1 sequence headers): fixed-width fields, Exp-Golomb codes and
 * AV1's `uvlc`. Reading past the end throws `RangeError`, so a truncated
 * header can never read out of range.
 */

/**
 * Reads bits from `bytes`, most significant first.
 *
 * @example
 * ```ts
 * import { BitReader } from "./bit_reader.ts";
 * const r = new BitReader(new Uint8Array([0b1010_0000]));
 * r.bits(3); // 5
 * ```
 */
export class BitReader {
  #pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** One bit. */
  bit(): number {
    const byte = this.#pos >> 3;
    if (byte >= this.bytes.length) throw new RangeError("header cut off");
    const b = (this.bytes[byte] >> (7 - (this.#pos & 7))) & 1;
    this.#pos++;
    return b;
  }

  /** An unsigned field of `n` ≤ 32 bits. */
  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 2 + this.bit();
    return v;
  }

  /** Skips `n` bits. */
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.bit();
  }

  /** Unsigned Exp-Golomb code (`ue(v)` in H.265); at most 31 leading zeros. */
  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (++zeros > 31) throw new RangeError("Exp-Golomb code too long");
    }
    return 2 ** zeros - 1 + this.bits(zeros);
  }

  /** AV1's `uvlc()`: like `ue` but 32 zeros mean the largest value. */
  uvlc(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (++zeros >= 32) return 2 ** 32 - 1;
    }
    return 2 ** zeros - 1 + this.bits(zeros);
  }
}

/**
 * @module
 * Photo decoding as the pipeline asks for it (at least the shipped
 * model's input size): HEIC and AVIF next to the JPEG of the same photo, first call
 * (module and WASM start-up) and warm median, plus a 12 MP phone-style HEIC
 * grid (192 tiles of 256², assembled from the committed fixture's tiles).
 */
import { decodeImage } from "../../lib/image/decode.ts";
import { readHeifItems } from "../../lib/image/heif_items.ts";
import { loadModelFiles } from "../../lib/model/load.ts";
import {
  type CodedPicture,
  gridFile,
} from "../../tests/fixtures/images/heif_writer.ts";
import { median, ms, type Row } from "./stats.ts";

const FIXTURES = new URL("../../tests/fixtures/images/", import.meta.url);

/** The decode section's rows. */
export async function decodeRows(runs = 10): Promise<Row[]> {
  const { input } = (await loadModelFiles()).manifest;
  const NEED = { minDecodeWidth: input.width, minDecodeHeight: input.height };
  const rows: Row[] = [];
  const photos: [string, Uint8Array][] = [
    [
      "JPEG 500×375",
      await Deno.readFile(
        new URL("../../static/examples/Abyssinian_105.jpg", import.meta.url),
      ),
    ],
    ["HEIC 500×375", await Deno.readFile(new URL("pet.heic", FIXTURES))],
    [
      "HEIC 500×375, 2×2 grid + irot",
      await Deno.readFile(new URL("pet_grid_rotated.heic", FIXTURES)),
    ],
    ["AVIF 500×375", await Deno.readFile(new URL("pet.avif", FIXTURES))],
    [
      "AVIF 500×375 10-bit",
      await Deno.readFile(new URL("pet_10bit_mirrored.avif", FIXTURES)),
    ],
    ["HEIC 4096×3072, 16×12 grid", await phoneGrid()],
  ];
  for (const [name, bytes] of photos) {
    const t0 = performance.now();
    await decodeImage(bytes, NEED);
    const first = performance.now() - t0;
    const t: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await decodeImage(bytes, NEED);
      t.push(performance.now() - s);
    }
    rows.push([
      `decode ${name} (${
        Math.round(bytes.length / 1024)
      } KB) to ≥${input.width}²: first / median of ${runs}`,
      `${ms(first)} / ${ms(median(t))}`,
    ]);
  }
  return rows;
}

/** A 12 MP grid of real picture tiles: the fixture's four, repeated. */
async function phoneGrid(): Promise<Uint8Array> {
  const file = await Deno.readFile(new URL("pet_grid_rotated.heic", FIXTURES));
  const table = readHeifItems(file);
  const tiles: CodedPicture[] = table.items.get(table.primary)!.refs.get(
    "dimg",
  )!.map((id) => {
    const item = table.items.get(id)!;
    const e = item.extents[0];
    return {
      type: item.type,
      data: file.slice(e.offset, e.offset + e.length),
      props: new Map(
        item.props.map((p) => [p.type, file.slice(p.start, p.end)]),
      ),
    };
  });
  const all = Array.from({ length: 192 }, (_, i) => tiles[i % 4]);
  return gridFile(["heic", "mif1"], all, 12, 16, 4096, 3072);
}

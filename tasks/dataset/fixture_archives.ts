/**
 * @module
 * A miniature of the official Oxford-IIIT Pet download for `data_test.ts`:
 * the two archives (synthetic photos under real names, trimaps, list files,
 * a stray `.mat`, macOS `._` junk), a local server that can corrupt, cut or
 * ignore ranges, and an extracted copy.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { packTar } from "modern-tar";
import { encodeGrayPng, encodeRgbaPng } from "../../lib/image/png.ts";
import { encodeJpeg } from "../../lib/segment/jpeg.ts";
import type { ArchivePin } from "./prepare.ts";

/** The fixture's real-train, real-test and pseudo names. */
export const TRAIN = ["Abyssinian_105", "Bengal_100", "american_bulldog_10"];
export const TEST = ["Abyssinian_2", "Bengal_1"];
export const PSEUDO = ["Birman_1", "beagle_1", "pug_10"];
/** In the archive and the lists' breeds, but in neither list: left out. */
const UNLISTED = "Abyssinian_34";

function photo(w: number, h: number, seed: number) {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      data[o] = (x * 3 + seed * 40) & 255;
      data[o + 1] = (y * 5 + seed * 20) & 255;
      data[o + 2] = ((x + y) * 2) & 255;
      data[o + 3] = 255;
    }
  }
  return { width: w, height: h, data };
}

/** A trimap PNG (1 pet, 2 background, 3 border) of a centred disc. */
export function trimap(w: number, h: number): Uint8Array {
  const g = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = Math.hypot(x - w / 2, y - h / 2) - Math.min(w, h) / 3;
      g[y * w + x] = d < -3 ? 1 : d > 3 ? 2 : 3;
    }
  }
  return encodeGrayPng(g, w, h);
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function tarGz(files: [string, Uint8Array | string][]) {
  const tar = await packTar(
    files.map(([name, body]) => ({
      header: {
        name,
        size: typeof body === "string"
          ? new TextEncoder().encode(body).length
          : body.length,
      },
      body,
    })),
  );
  const gz = new Blob([tar]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(gz).arrayBuffer());
}

/** The two archives, their pins and the bytes the layout must keep. */
export interface Fixture {
  images: Uint8Array<ArrayBuffer>;
  annotations: Uint8Array<ArrayBuffer>;
  pins: [ArchivePin, ArchivePin];
  /** Original bytes of each real-test photo and trimap. */
  testBytes: Map<string, Uint8Array>;
  /** Original bytes of every photo, by name. */
  originals: Map<string, Uint8Array>;
}

/** Builds the two archives (a second or two: the photos are encoded). */
export async function makeFixture(): Promise<Fixture> {
  const imageFiles: [string, Uint8Array | string][] = [];
  const annoFiles: [string, Uint8Array | string][] = [];
  const testBytes = new Map<string, Uint8Array>();
  const originals = new Map<string, Uint8Array>();
  const all = [...TRAIN, ...TEST, ...PSEUDO, UNLISTED];
  for (const [i, name] of all.entries()) {
    const [w, h] = [200 + i * 17, 150 + i * 9];
    // One real-test photo and one pseudo photo are PNGs named .jpg, as in the real archive.
    const isPng = name === "Bengal_1" || name === "pug_10";
    const bytes = isPng
      ? encodeRgbaPng(photo(w, h, i))
      : await encodeJpeg(photo(w, h, i), 90, { baseline: true });
    imageFiles.push([`images/${name}.jpg`, bytes]);
    originals.set(name, bytes);
    const tri = trimap(w, h);
    annoFiles.push([`annotations/trimaps/${name}.png`, tri]);
    annoFiles.push([`annotations/trimaps/._${name}.png`, "mac junk"]);
    annoFiles.push([`annotations/xmls/${name}.xml`, "<annotation/>"]);
    if (TEST.includes(name)) {
      testBytes.set(`images/${name}.jpg`, bytes);
      testBytes.set(`trimaps/${name}.png`, tri);
    }
  }
  imageFiles.push(["images/Abyssinian_105.mat", "MATLAB 5.0"]);
  imageFiles.push(["images/._Birman_1.jpg", "mac junk"]);
  const header = "#Image CLASS-ID SPECIES BREED ID\n#ID: 1:37 Class ids\n";
  const line = (n: string) => `${n} 1 1 1\n`;
  annoFiles.push(["annotations/._trimaps", "mac junk"]);
  annoFiles.push([
    "annotations/trainval.txt",
    [...TRAIN, "Birman_1"].map(line).join(""),
  ]);
  annoFiles.push([
    "annotations/test.txt",
    [...TEST, "beagle_1"].map(line).join(""),
  ]);
  annoFiles.push([
    "annotations/list.txt",
    header + [...TRAIN, ...TEST, ...PSEUDO].map(line).join(""),
  ]);
  const images = await tarGz(imageFiles);
  const annotations = await tarGz(annoFiles);
  return {
    images,
    annotations,
    pins: [
      { name: "images.tar.gz", size: images.length, sha256: sha256(images) },
      {
        name: "annotations.tar.gz",
        size: annotations.length,
        sha256: sha256(annotations),
      },
    ],
    testBytes,
    originals,
  };
}

/** A server for the two archives; `mode` changes how it answers. */
export function serve(fx: Fixture) {
  const state = {
    mode: "ok" as "ok" | "corrupt" | "cut" | "ignoreRange",
    requests: [] as { path: string; range: string | null }[],
  };
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    (req) => {
      const path = new URL(req.url).pathname;
      const range = req.headers.get("range");
      state.requests.push({ path, range });
      let body: Uint8Array<ArrayBuffer> | undefined = path ===
          "/data/images.tar.gz"
        ? fx.images
        : path === "/data/annotations.tar.gz"
        ? fx.annotations
        : undefined;
      if (!body) return new Response("not found", { status: 404 });
      if (state.mode === "corrupt") {
        body = body.slice();
        body[body.length >> 1] ^= 0xff;
      }
      if (state.mode === "cut") {
        // Send the first half, then drop the connection.
        const half = body.subarray(0, body.length >> 1);
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(half);
            setTimeout(() => c.close(), 20);
          },
        });
        return new Response(stream, {
          headers: { "content-length": String(body.length) },
        });
      }
      const m = range?.match(/^bytes=(\d+)-$/);
      if (m && state.mode !== "ignoreRange") {
        const from = Number(m[1]);
        if (from >= body.length) return new Response(null, { status: 416 });
        return new Response(body.subarray(from), {
          status: 206,
          headers: {
            "content-range": `bytes ${from}-${body.length - 1}/${body.length}`,
          },
        });
      }
      return new Response(body);
    },
  );
  const url = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}/data/`;
  return { server, url, state };
}

/** Unpacks the fixture's archives with the system-independent reader into `tmp/extracted`. */
export async function extract(fx: Fixture, tmp: string): Promise<string> {
  const { unpackTar } = await import("modern-tar");
  const dir = join(tmp, "extracted");
  for (const gz of [fx.images, fx.annotations]) {
    const tar = new Blob([gz]).stream().pipeThrough(
      new DecompressionStream("gzip"),
    );
    for (const { header, data } of await unpackTar(tar)) {
      if (!data) continue;
      const path = join(dir, header.name);
      await Deno.mkdir(join(path, ".."), { recursive: true });
      await Deno.writeFile(path, data);
    }
  }
  return dir;
}

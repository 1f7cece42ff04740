/**
 * `deno task data` end to end, offline: a tiny pair of archives with the
 * official layout (synthetic photos under real Oxford-IIIT Pet names, trimaps,
 * list files, a stray `.mat`, macOS `._` junk) served by a local server.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { packTar } from "modern-tar";
import { decodeImage } from "../../lib/image/decode.ts";
import { encodeGrayPng, encodeRgbaPng } from "../../lib/image/png.ts";
import { encodeJpeg } from "../../lib/segment/jpeg.ts";
import { layoutNames } from "./layout.ts";
import { exists } from "./staging.ts";
import { ChecksumError } from "./download.ts";
import { type ArchivePin, prepareData } from "./prepare.ts";
import { readPseudoNames } from "./splits.ts";

const TRAIN = ["Abyssinian_105", "Bengal_100", "american_bulldog_10"];
const TEST = ["Abyssinian_2", "Bengal_1"];
const PSEUDO = ["Birman_1", "beagle_1", "pug_10"];
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

function trimap(w: number, h: number): Uint8Array {
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

interface Fixture {
  images: Uint8Array<ArrayBuffer>;
  annotations: Uint8Array<ArrayBuffer>;
  pins: [ArchivePin, ArchivePin];
  /** Original bytes of each real-test photo and trimap. */
  testBytes: Map<string, Uint8Array>;
  /** Original bytes of every photo, by name. */
  originals: Map<string, Uint8Array>;
}

async function makeFixture(): Promise<Fixture> {
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
function serve(fx: Fixture) {
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

const quiet = { progress: { write: () => {}, tty: false }, log: () => {} };

async function listAll(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

Deno.test("deno task data: downloads, verifies and builds the layout", async () => {
  const fx = await makeFixture();
  const { server, url, state } = serve(fx);
  const tmp = await Deno.makeTempDir();
  try {
    const out = join(tmp, "pets");
    const downloads = join(tmp, "downloads");
    const opts = {
      out,
      downloads,
      baseUrl: url,
      archives: fx.pins,
      pseudoNames: PSEUDO,
      ...quiet,
    };
    const result = await prepareData(opts);
    assert.equal(result.status, "built");
    assert.deepEqual(
      [
        result.counts!.realTrain,
        result.counts!.realTest,
        result.counts!.pseudo,
      ],
      [3, 2, 3],
    );
    const names = await layoutNames(out);
    assert.deepEqual(names.realTrain, [...TRAIN].sort());
    assert.deepEqual(names.realTrainTrimaps, [...TRAIN].sort());
    assert.deepEqual(names.realTest, [...TEST].sort());
    assert.deepEqual(names.pseudo, [...PSEUDO].sort());
    // One of the five example photos is in the fixture: kept as the original file.
    assert.deepEqual(names.examples, ["Abyssinian_105"]);
    assert.deepEqual(
      await Deno.readFile(join(out, "examples/Abyssinian_105.jpg")),
      fx.originals.get("Abyssinian_105"),
    );
    for (const n of TRAIN) {
      const img = await decodeImage(
        await Deno.readFile(join(out, `real-train/images/${n}.jpg`)),
      );
      assert.deepEqual([img.format, img.width, img.height], ["jpeg", 224, 224]);
      const tri = await decodeImage(
        await Deno.readFile(join(out, `real-train/trimaps/${n}.png`)),
      );
      assert.deepEqual([tri.width, tri.height], [224, 224]);
      const values = new Set(tri.image.data.filter((_, i) => i % 4 === 0));
      assert.deepEqual([...values].sort(), [1, 2, 3]);
    }
    for (const n of PSEUDO) {
      const img = await decodeImage(
        await Deno.readFile(join(out, `pseudo/images/${n}.jpg`)),
      );
      assert.deepEqual([img.format, img.width, img.height], ["jpeg", 224, 224]);
    }
    // real-test: original files untouched, except a PNG named .jpg, which becomes a JPEG.
    for (const [path, bytes] of fx.testBytes) {
      const got = await Deno.readFile(join(out, "real-test", path));
      if (path === "images/Bengal_1.jpg") {
        const img = await decodeImage(got);
        assert.deepEqual([img.format, img.width], ["jpeg", 200 + 4 * 17]);
      } else assert.deepEqual(got, bytes, path);
    }
    assert.deepEqual(await listAll(tmp), ["downloads", "pets"]);
    assert.deepEqual(await listAll(downloads), [
      "annotations.tar.gz",
      "images.tar.gz",
    ]);

    // A second run finds everything in place and fetches nothing.
    const before = state.requests.length;
    assert.equal((await prepareData(opts)).status, "present");
    assert.equal(state.requests.length, before);
    // --force rebuilds from the verified downloads, still without fetching,
    // and keeps pseudo/soft labels made in the meantime.
    await Deno.mkdir(join(out, "pseudo/soft"));
    await Deno.writeFile(join(out, "pseudo/soft/Birman_1.png"), trimap(4, 4));
    const again = await prepareData({ ...opts, force: true });
    assert.equal(again.status, "built");
    assert.equal(state.requests.length, before);
    assert.deepEqual((await layoutNames(out)).soft, ["Birman_1"]);

    // --from: the archives folder, an extracted folder, a prepared copy.
    for (const from of [downloads, await extract(fx, tmp), out]) {
      const copy = join(tmp, "copy");
      const r = await prepareData({ ...opts, out: copy, from });
      assert.equal(r.status, "built", from);
      const l = await layoutNames(copy);
      assert.deepEqual(
        [l.realTrain.length, l.realTest.length, l.pseudo.length],
        [3, 2, 3],
      );
      await Deno.remove(copy, { recursive: true });
    }
  } finally {
    await server.shutdown();
    await Deno.remove(tmp, { recursive: true });
  }
});

/** Unpacks the fixture's archives with the system-independent reader into `tmp/extracted`. */
async function extract(fx: Fixture, tmp: string): Promise<string> {
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

Deno.test("deno task data: a corrupted download is deleted with a clear message and nothing is built", async () => {
  const fx = await makeFixture();
  const { server, url, state } = serve(fx);
  state.mode = "corrupt";
  const tmp = await Deno.makeTempDir();
  try {
    const out = join(tmp, "pets");
    const downloads = join(tmp, "downloads");
    const err = await prepareData({
      out,
      downloads,
      baseUrl: url,
      archives: fx.pins,
      pseudoNames: PSEUDO,
      ...quiet,
    }).then(() => undefined, (e) => e);
    assert.ok(err instanceof ChecksumError, String(err));
    assert.equal(err.file, "annotations.tar.gz");
    assert.equal(err.expected, fx.pins[1].sha256);
    assert.match(
      err.message,
      new RegExp(
        `^annotations\\.tar\\.gz: SHA-256 mismatch: expected ${
          fx.pins[1].sha256
        }, got [0-9a-f]{64} `,
      ),
    );
    assert.ok(!err.message.includes("\n"));
    assert.deepEqual(await listAll(downloads), []); // no .part left
    assert.deepEqual(await listAll(tmp), ["downloads"]); // no output, no staging folder
    assert.ok(!await exists(out));
  } finally {
    await server.shutdown();
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("deno task data: an interrupted download resumes with a Range request", async () => {
  const fx = await makeFixture();
  const { server, url, state } = serve(fx);
  const tmp = await Deno.makeTempDir();
  try {
    const opts = {
      out: join(tmp, "pets"),
      downloads: join(tmp, "downloads"),
      baseUrl: url,
      archives: fx.pins,
      pseudoNames: PSEUDO,
      ...quiet,
    };
    state.mode = "cut";
    await assert.rejects(prepareData(opts));
    const part = join(opts.downloads, "annotations.tar.gz.part");
    const have = (await Deno.stat(part)).size;
    assert.ok(have > 0 && have < fx.annotations.length, `${have} bytes`);
    assert.ok(!await exists(opts.out));

    state.mode = "ok";
    state.requests.length = 0;
    assert.equal((await prepareData(opts)).status, "built");
    assert.deepEqual(state.requests[0], {
      path: "/data/annotations.tar.gz",
      range: `bytes=${have}-`,
    });
    assert.deepEqual(
      await Deno.readFile(join(opts.downloads, "annotations.tar.gz")),
      fx.annotations,
    );

    // A server that ignores Range: the download starts over cleanly.
    await Deno.remove(opts.out, { recursive: true });
    await Deno.remove(join(opts.downloads, "images.tar.gz"));
    await Deno.writeFile(
      join(opts.downloads, "images.tar.gz.part"),
      fx.images.subarray(0, 100),
    );
    state.mode = "ignoreRange";
    assert.equal((await prepareData(opts)).status, "built");
    assert.deepEqual(
      await Deno.readFile(join(opts.downloads, "images.tar.gz")),
      fx.images,
    );
  } finally {
    await server.shutdown();
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("the committed pseudo name list: 6,768 photos of the 34 other breeds, sorted", async () => {
  const names = await readPseudoNames();
  assert.equal(names.length, 6768);
  assert.deepEqual(names, [...new Set(names)].sort());
  const breeds = new Set(names.map((n) => n.replace(/_\d+$/, "")));
  assert.equal(breeds.size, 34);
  for (const b of ["Abyssinian", "Bengal", "american_bulldog"]) {
    assert.ok(!breeds.has(b));
  }
});

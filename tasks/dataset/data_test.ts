/**
 * `deno task data` end to end, offline: a tiny pair of archives with the
 * official layout (synthetic photos under real Oxford-IIIT Pet names, trimaps,
 * list files, a stray `.mat`, macOS `._` junk) served by a local server.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { decodeImage } from "../../lib/image/decode.ts";
import { layoutNames } from "./layout.ts";
import { exists } from "./staging.ts";
import { ChecksumError } from "./download.ts";
import {
  extract,
  makeFixture,
  PSEUDO,
  serve,
  TEST,
  TRAIN,
  trimap,
} from "./fixture_archives.ts";
import { prepareData } from "./prepare.ts";
import { readPseudoNames } from "./splits.ts";

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

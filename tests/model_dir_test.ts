/**
 * `MODEL_DIR` with real server processes (`tasks/serve.ts` with the start
 * task's permission flags): a model folder inside the app (`./models/…`)
 * serves; a folder outside it, a missing folder, or a manifest that does not
 * fit the graph stops the start with exit status 1 and one line that names
 * the field or says what to do. Needs `deno task build`.
 */
import assert from "node:assert/strict";
import { SERVER_FLAGS } from "../tasks/flags.ts";
import { startServer } from "./helpers/server.ts";

const ROOT = new URL("../", import.meta.url);
const MODEL = new URL("static/model/", ROOT);
const SHIPPED = JSON.parse(
  await Deno.readTextFile(new URL("manifest.json", MODEL)),
);

/** Deno's own progress lines (a cold cache), which are not the server's. */
const NOISE = /^(Download|Initialize|Check|Warning) /;

/** Starts the server with `MODEL_DIR=dir`; expects it to exit by itself. */
async function refusedStart(
  dir: string,
): Promise<{ code: number; lines: string[] }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...SERVER_FLAGS, "tasks/serve.ts"],
    cwd: ROOT,
    env: {
      MODEL_DIR: dir,
      PORT: "0",
      LISTEN_HOST: "127.0.0.1",
      KV_PATH: ":memory:",
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const timer = setTimeout(() => child.kill(), 30_000);
  const { code, stdout, stderr } = await child.output();
  clearTimeout(timer);
  const text = new TextDecoder().decode(stdout) +
    new TextDecoder().decode(stderr);
  return {
    code,
    lines: text.split("\n").filter((l) => l.trim() && !NOISE.test(l)),
  };
}

/** A model folder under `./models/` holding the shipped `.onnx` and `manifest`. */
async function modelFolder(
  name: string,
  manifest: unknown,
): Promise<string> {
  const rel = `models/${name}`;
  const dir = new URL(`${rel}/`, ROOT);
  await Deno.mkdir(dir, { recursive: true });
  const from = new URL(SHIPPED.file, MODEL);
  const onnx = new URL(SHIPPED.file, dir);
  // A hard link where the file system allows it: the model is 7 MB.
  await Deno.link(from.pathname, onnx.pathname).catch(() =>
    Deno.copyFile(from, onnx)
  );
  await Deno.writeTextFile(
    new URL("manifest.json", dir),
    JSON.stringify(manifest),
  );
  return rel;
}

Deno.test({
  name: "[server] MODEL_DIR - what the server accepts and what stops its start",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const base = `_test_${crypto.randomUUID().slice(0, 8)}`;
    const models = new URL("models/", ROOT);
    const hadModels = await Deno.stat(models).then(() => true, () => false);
    const outside = await Deno.makeTempDir({ prefix: "model_dir_" });
    try {
      await t.step("a folder under ./models/ serves the model", async () => {
        const mine = { ...SHIPPED, version: "9.9.9-mine" };
        const dir = await modelFolder(`${base}_ok`, mine);
        const server = await startServer({ MODEL_DIR: dir });
        try {
          const form = new FormData();
          form.append(
            "image",
            new File(
              [
                await Deno.readFile(
                  new URL("static/examples/Bengal_110.jpg", ROOT),
                ),
              ],
              "cat.jpg",
              { type: "image/jpeg" },
            ),
          );
          const res = await fetch(`${server.url}/api/segment`, {
            method: "POST",
            body: form,
          });
          assert.equal(res.status, 200);
          const json = await res.json();
          assert.match(json.mask, /^data:image\/png;base64,/);
          // "Run on this device" fetches the same folder, not the shipped one.
          const manifest = await fetch(`${server.url}/model/manifest.json`);
          assert.equal((await manifest.json()).version, "9.9.9-mine");
          const onnx = await fetch(`${server.url}/model/${SHIPPED.file}`);
          assert.equal(onnx.status, 200);
          assert.equal(
            (await onnx.arrayBuffer()).byteLength,
            (await Deno.stat(new URL(SHIPPED.file, MODEL))).size,
          );
          const etag = onnx.headers.get("ETag")!;
          const again = await fetch(`${server.url}/model/${SHIPPED.file}`, {
            headers: { "If-None-Match": etag },
          });
          assert.equal(again.status, 304);
          await again.body?.cancel();
          const other = await fetch(`${server.url}/model/other.onnx`);
          assert.equal(other.status, 404);
          await other.body?.cancel();
        } finally {
          await server.stop();
        }
      });

      await t.step(
        "a folder outside the app: one line saying to move it under ./models/",
        async () => {
          await Deno.copyFile(
            new URL(SHIPPED.file, MODEL),
            `${outside}/${SHIPPED.file}`,
          );
          await Deno.writeTextFile(
            `${outside}/manifest.json`,
            JSON.stringify(SHIPPED),
          );
          const { code, lines } = await refusedStart(outside);
          assert.equal(code, 1, lines.join("\n"));
          assert.equal(lines.length, 1, lines.join("\n"));
          const name = outside.split("/").pop();
          assert.equal(
            lines[0],
            `Cannot start: MODEL_DIR=${outside} is outside the app's folder ${
              decodeURIComponent(new URL(".", ROOT).pathname).replace(/\/$/, "")
            }, and the server may read only inside it (deno task start grants --allow-read=.); move or copy the model folder under ./models/ (e.g. ./models/${name}) and start with MODEL_DIR=models/${name}`,
          );
        },
      );

      const refused: [string, string | null, unknown, RegExp][] = [
        [
          "no such folder",
          `models/${base}_missing`,
          null,
          /MODEL_DIR=models\/_test_\w+_missing: no such folder/,
        ],
        [
          "a missing field",
          null,
          { ...SHIPPED, input: { ...SHIPPED.input, mean: undefined } },
          /manifest\.json: "input\.mean" must be 3 numbers .*\(missing\)$/,
        ],
        [
          "a class value out of range",
          null,
          {
            ...SHIPPED,
            classes: [{ name: "pet", value: 300 }, ...SHIPPED.classes.slice(1)],
          },
          /manifest\.json: "classes\[0\]\.value" must be an integer gray level from 0 to 255.*\(got 300\)$/,
        ],
        [
          "two classes with one gray level",
          null,
          {
            ...SHIPPED,
            classes: [{ name: "pet", value: 127 }, ...SHIPPED.classes.slice(1)],
          },
          /"classes\[1\]\.value" must differ from the other classes' gray levels \(got 127\)$/,
        ],
        [
          "fewer classes than the graph's output channels",
          null,
          { ...SHIPPED, classes: SHIPPED.classes.slice(0, 2) },
          /"classes" lists 2 classes, but the graph's output "logits" is 1×3×224×224: one class per channel \(3\)$/,
        ],
        [
          "an input size the graph does not take",
          null,
          { ...SHIPPED, input: { ...SHIPPED.input, width: 160 } },
          /"input\.width" is 160, but the graph's input "input" is 1×3×224×224 \(N×C×H×W\); set it to 224$/,
        ],
        [
          "an input name the graph does not have",
          null,
          { ...SHIPPED, input: { ...SHIPPED.input, name: "pixels" } },
          /"input\.name" is "pixels", but the graph's inputs are: input$/,
        ],
      ];
      for (const [what, dirGiven, manifest, expected] of refused) {
        await t.step(`refused at start: ${what}`, async () => {
          const dir = dirGiven ??
            await modelFolder(
              `${base}_${what.replace(/\W+/g, "_")}`,
              manifest,
            );
          const { code, lines } = await refusedStart(dir);
          assert.equal(code, 1, lines.join("\n"));
          assert.equal(lines.length, 1, lines.join("\n"));
          assert.match(lines[0], /^Cannot start: /);
          assert.match(lines[0], expected);
        });
      }
    } finally {
      await Deno.remove(outside, { recursive: true });
      for (const e of await Array.fromAsync(Deno.readDir(models))) {
        if (e.name.startsWith(base)) {
          await Deno.remove(new URL(e.name, models), { recursive: true });
        }
      }
      if (!hadModels) await Deno.remove(models).catch(() => {});
    }
  },
});

/**
 * @module
 * The model alone: median inference time in onnxruntime-web (WASM, 1 and 2
 * threads) and, when it can be loaded, onnxruntime-node (native) as the
 * baseline.
 */
import { loadModelFiles } from "../../lib/model/load.ts";
import { createRunner } from "../../lib/model/session.ts";
import { ms, pct, type Row } from "./stats.ts";

/** The model section's rows. */
export async function modelRows(opts: { skipNode: boolean }): Promise<Row[]> {
  const rows: Row[] = [];
  const row = (k: string, v: string) => rows.push([k, v]);
  const { manifest, model } = await loadModelFiles();
  const input = new Float32Array(
    3 * manifest.input.width * manifest.input.height,
  )
    .map(() => Math.random());
  async function timeRunner(
    run: (x: Float32Array) => Promise<unknown>,
    n = 50,
  ) {
    for (let i = 0; i < 5; i++) await run(input);
    const t: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await run(input);
      t.push(performance.now() - t0);
    }
    return pct(t, 50);
  }
  // onnxruntime-web keeps one global thread setting per process: measure 1T in a subprocess.
  const wasm2 = await timeRunner(
    await createRunner(manifest, model, { threads: 2 }),
  );
  const wasm1 = await measureInSubprocess(1);
  let native: number | undefined;
  if (!opts.skipNode) {
    try {
      const spec = "npm:onnxruntime-node@1.30.0";
      const ortNode = await import(spec);
      const session = await ortNode.InferenceSession.create(model, {
        intraOpNumThreads: 2,
      });
      const { name, width, height } = manifest.input;
      native = await timeRunner((x) =>
        session.run({
          [name]: new ortNode.Tensor("float32", x, [1, 3, height, width]),
        })
      );
    } catch (err) {
      console.error(
        `onnxruntime-node unavailable (${
          (err as Error).message.split("\n")[0]
        }); skipping native baseline`,
      );
    }
  }
  row(`inference ${manifest.input.width}² WASM 1 thread (median)`, ms(wasm1));
  row(`inference ${manifest.input.width}² WASM 2 threads (median)`, ms(wasm2));
  if (native !== undefined) {
    row("inference onnxruntime-node native 2 threads (median)", ms(native));
    row("WASM 2T / native ratio", `${(wasm2 / native).toFixed(2)}×`);
  }

  return rows;
}

async function measureInSubprocess(threads: number): Promise<number> {
  const code = `
    import { loadModelFiles } from "./lib/model/load.ts";
    import { createRunner } from "./lib/model/session.ts";
    const { manifest, model } = await loadModelFiles();
    const run = await createRunner(manifest, model, { threads: ${threads} });
    const x = new Float32Array(3 * manifest.input.width * manifest.input.height).map(() => Math.random());
    for (let i = 0; i < 5; i++) await run(x);
    const t = [];
    for (let i = 0; i < 50; i++) { const t0 = performance.now(); await run(x); t.push(performance.now() - t0); }
    t.sort((a, b) => a - b);
    console.log(t[24]);
    Deno.exit(0);`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", code],
    cwd: new URL("../../", import.meta.url),
    stdout: "piped",
    stderr: "inherit",
  }).output();
  return Number(new TextDecoder().decode(out.stdout).trim().split("\n").pop());
}

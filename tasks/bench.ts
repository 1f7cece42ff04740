/**
 * @module
 * `deno task bench`: measures the model, the server and the edge and prints
 * a table (BENCHMARKS.md keeps the results). Never part of the tests.
 *
 *   deno task bench [--runs 20] [--skip-node] [--only model,decode,server,edge,attack]
 */
import { parseArgs } from "node:util";
import { modelRows } from "./bench/model.ts";
import { decodeRows } from "./bench/decode.ts";
import { serverRows } from "./bench/server.ts";
import { edgeRows } from "./bench/edge.ts";
import type { Row } from "./bench/stats.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "20" },
    "skip-node": { type: "boolean", default: false },
    only: { type: "string", default: "model,decode,server,edge" },
  },
});
const only = new Set(values.only.split(","));
const rows: Row[] = [];
const add = (rs: Row[]) => {
  for (const r of rs) console.error(`${r[0]}: ${r[1]}`);
  rows.push(...rs);
};
if (only.has("model")) add(await modelRows({ skipNode: values["skip-node"] }));
if (only.has("decode")) add(await decodeRows());
if (only.has("server")) add(await serverRows(Number(values.runs)));
if (only.has("edge")) add(await edgeRows());
if (only.has("attack")) {
  const { attackRows } = await import("./bench/attack.ts");
  add(await attackRows());
}

console.log(
  `\nMachine: ${Deno.build.target}, ${navigator.hardwareConcurrency} cores · ${
    new Date().toISOString().slice(0, 10)
  } · deno ${Deno.version.deno}\n`,
);
console.log("| measure | value |\n|---|---|");
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);

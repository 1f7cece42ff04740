/**
 * `deno task build` / `deno task dev` entry: `cli.ts build [root]` writes
 * `_fresh/`; `cli.ts dev [root]` bundles and serves with routes crawled
 * from disk (run under `--watch` to restart on changes).
 *
 * @example
 * ```sh
 * deno run -A framework/dev/cli.ts build
 * ```
 *
 * @module
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Builder } from "./builder.ts";

if (import.meta.main) {
  const [command = "build", dir = "."] = Deno.args;
  const root = resolve(dir);
  const builder = new Builder({ root });
  if (command === "build") {
    const { buildId, chunks } = await builder.build();
    // deno-lint-ignore no-console
    console.log(
      `Built ${chunks.length} client entries into _fresh/js/${buildId}/`,
    );
  } else if (command === "dev") {
    const port = Number(Deno.env.get("PORT") ?? 8000);
    await builder.listen(
      () => import(pathToFileURL(join(root, "main.ts")).href),
      { port },
    );
  } else {
    // deno-lint-ignore no-console
    console.error(`Unknown command "${command}". Use "build" or "dev".`);
    Deno.exit(1);
  }
}

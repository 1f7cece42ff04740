/**
 * `deno task build` / `deno task dev` entry, Fresh's builder `dev.ts`:
 * `cli.ts build [root]` writes `_fresh/`; `cli.ts dev [root]` bundles and
 * serves with routes crawled from disk (run under `--watch` to restart on
 * changes). It imports the `Builder` through the `fresh/dev` import-map
 * entry, so after the swap to real Fresh (framework/README.md) the same
 * tasks build with real Fresh's `Builder`.
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
import { Builder } from "fresh/dev";

if (import.meta.main) {
  const [command = "build", dir = "."] = Deno.args;
  const root = resolve(dir);
  const builder = new Builder({ root });
  if (command === "build") {
    await builder.build();
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

/**
 * @module
 * The long-lived parts of the server (model worker, share links), built once
 * from the configuration and handed to routes through `ctx.state`.
 */
import type { Config } from "./config.ts";
import { Segmenter } from "./model/segmenter.ts";
import { KvShareStore } from "./share/kv_store.ts";
import { ShareService } from "./share/shares.ts";
import { RateLimiter } from "./rate_limit.ts";

/** Everything a request handler may need. */
export interface Services {
  config: Config;
  segmenter: Segmenter;
  shares: ShareService;
  rateLimiter: RateLimiter;
}

/**
 * Builds the services; the model starts loading at once, in the background.
 *
 * @example
 * ```ts
 * const services = createServices(loadConfig());
 * await services.segmenter.ready();
 * ```
 */
export function createServices(config: Config): Services {
  const segmenter = new Segmenter({
    maxQueue: config.maxQueue,
    timeoutMs: config.inferenceTimeoutMs,
    threads: config.threads,
    modelDir: config.modelDir
      ? new URL(config.modelDir.replace(/\/?$/, "/"), `file://${Deno.cwd()}/`)
      : undefined,
  });
  segmenter.ready().catch((err) =>
    console.error(`Model failed to load: ${err.message}`)
  );
  const shares = new ShareService(
    () => openKvStore(config.kvPath),
    config.shareTtlMs,
  );
  const rateLimiter = new RateLimiter(config.rateLimitPerMinute);
  return { config, segmenter, shares, rateLimiter };
}

async function openKvStore(path: string | undefined): Promise<KvShareStore> {
  if (path && path !== ":memory:") {
    const dir = path.replace(/[^/]*$/, "");
    if (dir) await Deno.mkdir(dir, { recursive: true });
  }
  return new KvShareStore(await Deno.openKv(path));
}

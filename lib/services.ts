/**
 * @module
 * The long-lived parts of one server instance, built once from the settings
 * and handed to routes through `ctx.state.services`: the KV store everything
 * shared lives in, the scheduler (the one queue), the model's worker, share
 * links, Gradio events, and this instance's lease. Nothing here holds state
 * another instance would need: that is all in KV.
 */
import type { Settings } from "./settings.ts";
import { type Kv, openKv } from "./kv/kv.ts";
import { InstanceLease } from "./kv/instances.ts";
import { MODEL_LANE, Scheduler } from "./jobs/scheduler.ts";
import { Segmenter } from "./segment/segmenter.ts";
import { KvShareStore } from "./share/kv_store.ts";
import { ShareService } from "./share/shares.ts";
import { EventStore } from "./gradio/events.ts";
import { UserFacingError } from "./errors.ts";
import { checkModelDirOrExit, resolveModelDir } from "./model/check.ts";

/** Everything a request handler may need. */
export interface Services {
  settings: Settings;
  kv: Kv;
  scheduler: Scheduler;
  segmenter: Segmenter;
  shares: ShareService;
  events: EventStore;
  lease: InstanceLease;
  /** Releases the worker and the lease (on a clean stop). */
  close(): Promise<void>;
}

/** Deno KV cannot be used (e.g. the local database file is unreadable). */
export class StorageUnavailableError extends UserFacingError {
  override name = "StorageUnavailableError";
  constructor(cause?: unknown) {
    super(
      503,
      "storage_unavailable",
      "Storage is unavailable right now; this feature needs it. Please try again later.",
      30,
      { cause },
    );
  }
}

/**
 * Builds the services; the model starts loading at once, in the background
 * (unless `preloadModel: false`, for tests that never run it).
 * When KV cannot be opened the server still starts (segmentation works), and
 * everything that needs KV answers 503.
 *
 * @example
 * ```ts
 * const services = await createServices(loadSettings());
 * await services.segmenter.ready();
 * ```
 */
export async function createServices(
  settings: Settings,
  opts: { preloadModel?: boolean } = {},
): Promise<Services> {
  // A model folder the server cannot use stops the start with one line.
  if (opts.preloadModel ?? true) await checkModelDirOrExit(settings.modelDir);
  const segmenter = new Segmenter({
    threads: settings.threads,
    inlineMaxPixels: settings.inlineMaxPixels,
    modelDir: resolveModelDir(settings.modelDir),
  });
  if (opts.preloadModel ?? true) {
    segmenter.ready().catch((err) =>
      console.error(`Model failed to load: ${err.message}`)
    );
  }
  let kv: Kv;
  try {
    kv = await openKv(settings.kvPath);
  } catch (err) {
    console.error(`Deno KV unavailable (${(err as Error).message}).`);
    kv = unavailableKv(err);
  }
  const scheduler = new Scheduler();
  scheduler.lane(MODEL_LANE, { limit: 1, maxWaiting: settings.maxQueue });
  const lease = new InstanceLease(kv);
  lease.start();
  const shares = new ShareService(new KvShareStore(kv), {
    ttlMs: settings.shareTtlMs,
    kv,
    quotaPerDay: settings.shareQuotaPerDay,
  });
  const events = new EventStore(kv, lease.id);
  return {
    settings,
    kv,
    scheduler,
    segmenter,
    shares,
    events,
    lease,
    async close() {
      segmenter.close();
      await lease.stop();
      kv.close();
    },
  };
}

/** A stand-in whose every operation fails with {@link StorageUnavailableError}. */
function unavailableKv(cause: unknown): Kv {
  const fail = () => {
    throw new StorageUnavailableError(cause);
  };
  const failing = () => Promise.reject(new StorageUnavailableError(cause));
  return {
    get: failing,
    getMany: failing,
    set: failing,
    delete: failing,
    list: fail,
    atomic: fail,
    watch: fail,
    close: () => {},
  } as unknown as Kv;
}

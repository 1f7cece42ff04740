/**
 * @module
 * A declared Blocks app hosted by this server: where it is mounted, its file
 * store (in KV, shared by all instances) and its Gradio side. One type for
 * every route that serves an app (page, kit API, files, Gradio protocol).
 */
import type { AppEntry } from "../../apps/mod.ts";
import type { CallSite } from "../../lib/blocks/blocks_app.ts";
import { KvFileStore } from "../../lib/files/file_store.ts";
import { GradioHost } from "../../lib/gradio/host.ts";
import type { Services } from "../../lib/services.ts";

/** An app as served: the declaration plus what serving it needs. */
export interface HostedApp extends AppEntry {
  files: KvFileStore;
  gradio: GradioHost;
  site: CallSite;
}

/**
 * Hosts the declared apps on `services`.
 *
 * @example
 * ```ts
 * const hosted = hostApps(declareApps(services), services);
 * hosted[0].files.maxFileBytes; // the pet app's upload limit
 * ```
 */
export function hostApps(
  entries: readonly AppEntry[],
  services: Services,
): HostedApp[] {
  const { settings } = services;
  return entries.map((e) => {
    const files = new KvFileStore(services.kv, e.name, {
      maxFileBytes: e.app.maxFileBytes,
      quota: {
        maxBytes: settings.uploadQuotaBytes,
        maxFiles: settings.uploadQuotaFiles,
      },
    });
    const site: CallSite = {
      scheduler: services.scheduler,
      lanePrefix: e.path || "/",
    };
    const gradio = new GradioHost({
      app: e.app,
      path: e.path,
      files,
      events: services.events,
      site,
    });
    return { ...e, files, gradio, site };
  });
}

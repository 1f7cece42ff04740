/**
 * @module
 * The browser side of events: uploads files to the app's store and posts
 * input values to the app's JSON API, writing the results into the output
 * signals (client-safe; used by islands).
 */
import { batch } from "@preact/signals";
import type { ClientDep, WireFile } from "./client_types.ts";

const pending = new Set<Promise<unknown>>();

/**
 * Uploads one file to `{root}/upload`; calls wait for uploads still running.
 *
 * @example
 * ```ts
 * const ref = await uploadFile("/demos/components", file); // { path, url, … }
 * ```
 */
export function uploadFile(
  root: string,
  file: Blob,
  name = "upload",
): Promise<WireFile> {
  const task = (async () => {
    const form = new FormData();
    form.append("files", file, (file as File).name || name);
    const res = await fetch(`${root}/upload`, { method: "POST", body: form });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      throw new Error(
        body?.error?.message ?? `Upload failed (HTTP ${res.status}).`,
      );
    }
    return body[0] as WireFile;
  })();
  pending.add(task);
  task.finally(() => pending.delete(task)).catch(() => {});
  return task;
}

/**
 * Runs one binding: waits for uploads, posts `{data}` and writes the outputs.
 * Errors end up in `dep.status` (shown by the trigger), never thrown.
 *
 * @example
 * ```ts
 * await runDep({ api: "/demos/blocks/api/greet", inputs: [name, n], outputs: [out], status });
 * ```
 */
export async function runDep(dep: ClientDep): Promise<void> {
  dep.status.value = { pending: true, error: null };
  try {
    await Promise.all([...pending]);
    const res = await fetch(dep.api, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ data: dep.inputs.map((s) => s.value) }),
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      throw new Error(
        body?.error?.message ?? `The request failed (HTTP ${res.status}).`,
      );
    }
    batch(() => {
      (body.data as unknown[]).forEach((v, i) => {
        if (dep.outputs[i]) dep.outputs[i].value = v;
      });
      dep.status.value = { pending: false, error: null };
    });
  } catch (err) {
    const message = err instanceof TypeError
      ? "Could not reach the server. Check your connection."
      : (err as Error).message;
    dep.status.value = { pending: false, error: message };
  }
}

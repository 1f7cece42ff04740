/**
 * @module
 * The browser side of events: uploads files to the app's store and posts
 * input values to the app's JSON API, writing the results into the output
 * signals (client-safe; used by islands).
 *
 * Two hooks let a page-specific island extend a kit page without forking
 * it (Gradio's `js=` listeners, in spirit): {@link setBeforeUpload} adapts
 * files before they are uploaded, and {@link setClientFn} runs a binding in
 * the browser (or wraps the server call).
 */
import { batch } from "@preact/signals";
import type { ClientDep, WireFile } from "./client_types.ts";

const pending = new Set<Promise<unknown>>();

/**
 * Adapts a file before upload (e.g. downscales a large photo), or keeps it in
 * the browser by returning a file reference instead of a file.
 */
export type BeforeUpload = (file: File) => Promise<File | WireFile>;

let beforeUpload: BeforeUpload | null = null;

/**
 * Sets (or clears, with `null`) the page's upload adapter.
 *
 * @example
 * ```ts
 * setBeforeUpload(async (f) => f.size > 5e6 ? await shrink(f) : f);
 * ```
 */
export function setBeforeUpload(fn: BeforeUpload | null): void {
  beforeUpload = fn;
}

/**
 * A binding run in the browser: gets the input values and the binding,
 * returns the output values (or `undefined` to let the server run it).
 * Throwing shows the error's message at the trigger.
 */
export type ClientFn = (
  inputs: unknown[],
  dep: ClientDep,
) => Promise<unknown[] | undefined>;

const clientFns = new Map<string, ClientFn>();

/**
 * Runs the binding posting to `api` through `fn` instead (clear with `null`).
 *
 * @example
 * ```ts
 * setClientFn("/api/process_image", async ([img], dep) => offline ? await local(img) : await callApi(dep.api, [img]));
 * ```
 */
export function setClientFn(api: string, fn: ClientFn | null): void {
  if (fn) clientFns.set(api, fn);
  else clientFns.delete(api);
}

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
    let f = file instanceof File
      ? file
      : new File([file], name, { type: file.type });
    if (beforeUpload) {
      const adapted = await beforeUpload(f);
      if (!(adapted instanceof File)) return adapted; // kept in the browser
      f = adapted;
    }
    const form = new FormData();
    form.append("files", f, f.name || name);
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
 * Posts `{data: inputs}` to an endpoint and returns its output values;
 * throws an Error with the server's message on failure.
 *
 * @example
 * ```ts
 * const [greeting] = await callApi("/demos/blocks/api/greet", ["Linh", 3]);
 * ```
 */
export async function callApi(
  api: string,
  inputs: unknown[],
): Promise<unknown[]> {
  let res: Response;
  try {
    res = await fetch(api, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ data: inputs }),
    });
  } catch {
    throw new Error("Could not reach the server. Check your connection.");
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    throw new Error(
      body?.error?.message ?? `The request failed (HTTP ${res.status}).`,
    );
  }
  return body.data as unknown[];
}

/**
 * Runs one binding: waits for uploads, posts `{data}` (or calls the page's
 * client function) and writes the outputs. Errors end up in `dep.status`
 * (shown by the trigger), never thrown.
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
    const inputs = dep.inputs.map((s) => s.value);
    const local = clientFns.get(dep.api);
    const data = (local ? await local(inputs, dep) : undefined) ??
      await callApi(dep.api, inputs);
    batch(() => {
      data.forEach((v, i) => {
        if (dep.outputs[i]) dep.outputs[i].value = v;
      });
      dep.status.value = { pending: false, error: null };
    });
  } catch (err) {
    dep.status.value = {
      pending: false,
      error: (err as Error).message || "Something went wrong.",
    };
  }
}

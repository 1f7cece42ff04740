/**
 * @module
 * The browser side of events: posts a binding's input values to the app's
 * JSON API — with any files the user picked in the same request — and writes
 * the results into the output signals (used by islands).
 *
 * A page-specific island can run a binding itself (Gradio's `js=` listeners,
 * in spirit) with {@link setClientFn}.
 */
import { batch } from "@preact/signals";
import type { ClientDep } from "../../components/blocks/client_types.ts";
import { detachKeptFiles, hasKeptFiles } from "./local_files.ts";

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
 * Posts `{data: inputs}` to an endpoint and returns its output values;
 * throws an Error with the server's message on failure. Files kept in the
 * browser go in the same (multipart) request.
 *
 * @example
 * ```ts
 * const [greeting] = await callApi("/demos/blocks/api/greet", ["Linh", 3]);
 * ```
 */
export async function callApi(
  api: string,
  inputs: unknown[],
  signal?: AbortSignal,
): Promise<unknown[]> {
  let body: BodyInit;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (hasKeptFiles(inputs)) {
    const { value, files } = detachKeptFiles(inputs);
    const form = new FormData();
    form.append("data", JSON.stringify(value));
    for (const f of files) form.append("files", f, f.name || "file");
    body = form;
  } else {
    body = JSON.stringify({ data: inputs });
    headers["Content-Type"] = "application/json";
  }
  let res: Response;
  try {
    res = await fetch(api, { method: "POST", headers, body, signal });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new Error("Could not reach the server. Check your connection.");
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    throw new Error(
      json?.error?.message ?? `The request failed (HTTP ${res.status}).`,
    );
  }
  return json.data as unknown[];
}

/**
 * Runs one binding: posts `{data}` (or calls the page's client function) and
 * writes the outputs. Errors end up in `dep.status` (shown by the trigger),
 * never thrown.
 *
 * @example
 * ```ts
 * await runDep({ api: "/demos/blocks/api/greet", inputs: [name, n], outputs: [out], status });
 * ```
 */
export async function runDep(dep: ClientDep): Promise<void> {
  dep.status.value = { pending: true, error: null };
  try {
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

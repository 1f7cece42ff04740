/**
 * @module
 * Gradio's upload progress: the web component uploads with
 * `POST {P}/gradio_api/upload?upload_id=<id>` and at the same time reads
 * `GET {P}/gradio_api/upload_progress?upload_id=<id>`, an event stream that
 * says `{"msg":"done"}` once the upload is stored (with `{"msg":"heartbeat"}`
 * meanwhile). This tracker links the two on one server instance. Gradio also
 * streams `{"msg":"update", orig_name, chunk_size}` while the body arrives;
 * the component only shows those while the upload request is still running,
 * and ours are read whole before storing, so none are sent.
 *
 * @example
 * ```ts
 * const uploads = new UploadTracker();
 * uploads.start("app:x1");
 * await uploads.tracked("app:x1", 3000);   // true
 * uploads.finish("app:x1");
 * await uploads.done("app:x1");            // resolves at once
 * ```
 */

interface Entry {
  done: boolean;
  /** When it started, or finished once done (for expiry). */
  at: number;
  wake: Set<() => void>;
}

/** Options of {@link UploadTracker}. */
export interface UploadTrackerOptions {
  /** How long a finished upload stays known (a slow reader may come late). Default 60 s. */
  keepMs?: number;
  /** Most uploads tracked at once; the oldest are forgotten first. Default 10 000. */
  max?: number;
  /** Clock (tests). */
  now?: () => number;
}

/** Upload ids as the frontend makes them (`Math.random().toString(36)`), bounded. */
export const UPLOAD_ID = /^[\w-]{1,64}$/;

/** Which uploads are running or recently done, and who waits for them. */
export class UploadTracker {
  #entries = new Map<string, Entry>();
  #waitingFor = new Map<string, Set<() => void>>();
  #keepMs: number;
  #max: number;
  #now: () => number;

  constructor(opts: UploadTrackerOptions = {}) {
    this.#keepMs = opts.keepMs ?? 60_000;
    this.#max = opts.max ?? 10_000;
    this.#now = opts.now ?? Date.now;
  }

  /** An upload with this id has begun. */
  start(id: string): void {
    this.#expire();
    this.#entries.set(id, { done: false, at: this.#now(), wake: new Set() });
    for (const w of this.#waitingFor.get(id) ?? []) w();
    this.#waitingFor.delete(id);
  }

  /** The upload has ended (stored or failed): its readers get `done`. */
  finish(id: string): void {
    const e = this.#entries.get(id);
    if (!e) return;
    e.done = true;
    e.at = this.#now();
    for (const w of e.wake) w();
    e.wake.clear();
  }

  /** Whether `id` is (or within `waitMs` becomes) known. */
  tracked(id: string, waitMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.#entries.has(id)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiters = this.#waitingFor.get(id) ?? new Set();
      this.#waitingFor.set(id, waiters);
      const end = (ok: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        waiters.delete(wake);
        if (!waiters.size && this.#waitingFor.get(id) === waiters) {
          this.#waitingFor.delete(id);
        }
        resolve(ok);
      };
      const wake = () => end(true);
      const onAbort = () => end(false);
      const timer = setTimeout(() => end(this.#entries.has(id)), waitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      waiters.add(wake);
    });
  }

  /**
   * Resolves `true` once upload `id` is done, `false` after `timeoutMs`
   * (a heartbeat is due) or when `signal` aborts.
   */
  done(id: string, timeoutMs = 15_000, signal?: AbortSignal): Promise<boolean> {
    const e = this.#entries.get(id);
    if (!e || e.done) return Promise.resolve(true);
    return new Promise((resolve) => {
      const end = (v: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        e.wake.delete(wake);
        resolve(v);
      };
      const wake = () => end(true);
      const onAbort = () => end(false);
      const timer = setTimeout(() => end(false), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      e.wake.add(wake);
    });
  }

  /** Forgets finished uploads past `keepMs`, and the oldest past `max`. */
  #expire() {
    const now = this.#now();
    for (const [id, e] of this.#entries) {
      if (e.done && now - e.at > this.#keepMs) this.#entries.delete(id);
    }
    for (const id of this.#entries.keys()) {
      if (this.#entries.size < this.#max) break;
      this.finish(id);
      this.#entries.delete(id);
    }
  }
}

/** The tracker of this server instance (ids are prefixed with the app's path). */
export const uploadTracker: UploadTracker = new UploadTracker();

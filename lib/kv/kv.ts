/**
 * @module
 * The one Deno KV handle a process uses, wrapped so that the same code runs
 * on Deno Deploy's managed KV and on a local SQLite file shared by several
 * processes (`deno task cluster`): SQLite answers "database is locked" when
 * another process holds the write lock, so every operation is retried with a
 * short backoff instead of failing the request.
 */

/** The part of `Deno.Kv` this project uses (a test can pass a real `Deno.Kv`). */
export type Kv = Pick<
  Deno.Kv,
  "get" | "getMany" | "set" | "delete" | "list" | "atomic" | "watch" | "close"
>;

/** Attempts for an operation that keeps hitting a locked database. */
const ATTEMPTS = 60;

/** Whether `err` is SQLite's transient write-lock error. */
export function isLockError(err: unknown): boolean {
  return err instanceof Error && /database is (locked|busy)/i.test(err.message);
}

/**
 * Runs `op`, retrying while the database is locked by another process
 * (5 ms, growing to 50 ms between attempts; about 2.5 s in all).
 *
 * @example
 * ```ts
 * const res = await retryLocked(() => kv.atomic().set(["k"], 1).commit());
 * ```
 */
export async function retryLocked<T>(op: () => Promise<T>): Promise<T> {
  for (let i = 1;; i++) {
    try {
      return await op();
    } catch (err) {
      if (!isLockError(err) || i >= ATTEMPTS) throw err;
      await new Promise((r) => setTimeout(r, Math.min(50, 5 * i)));
    }
  }
}

/**
 * Wraps a `Deno.Kv` so reads, writes and atomic commits retry on a locked
 * database. `list` retries only before its first entry (a later failure
 * surfaces, as a half-read list must not be repeated silently).
 *
 * @example
 * ```ts
 * const kv = lockTolerant(await Deno.openKv("data/app.sqlite"));
 * await kv.set(["hello"], "world");
 * ```
 */
export function lockTolerant(kv: Deno.Kv): Kv {
  return {
    get:
      ((key: Deno.KvKey, opts?: { consistency?: Deno.KvConsistencyLevel }) =>
        retryLocked(() => kv.get(key, opts))) as Deno.Kv["get"],
    getMany: ((keys: Deno.KvKey[], opts?: {
      consistency?: Deno.KvConsistencyLevel;
    }) => retryLocked(() => kv.getMany(keys, opts))) as Deno.Kv["getMany"],
    set: (key, value, opts) => retryLocked(() => kv.set(key, value, opts)),
    delete: (key) => retryLocked(() => kv.delete(key)),
    list:
      ((selector: Deno.KvListSelector, opts?: Deno.KvListOptions) =>
        retryingList(kv, selector, opts)) as Deno.Kv["list"],
    atomic: () => retryingAtomic(kv.atomic()),
    watch:
      ((keys: Deno.KvKey[], opts?: { raw?: boolean }) =>
        kv.watch(keys, opts)) as Deno.Kv["watch"],
    close: () => kv.close(),
  };
}

function retryingAtomic(op: Deno.AtomicOperation): Deno.AtomicOperation {
  const commit = op.commit.bind(op);
  op.commit = () => retryLocked(commit);
  return op;
}

function retryingList<T>(
  kv: Deno.Kv,
  selector: Deno.KvListSelector,
  opts?: Deno.KvListOptions,
): Deno.KvListIterator<T> {
  let inner = kv.list<T>(selector, opts);
  let started = false;
  const it = {
    get cursor() {
      return inner.cursor;
    },
    async next(): Promise<IteratorResult<Deno.KvEntry<T>, undefined>> {
      for (let i = 1;; i++) {
        try {
          const r = await inner.next();
          started = true;
          return r;
        } catch (err) {
          if (started || !isLockError(err) || i >= ATTEMPTS) throw err;
          await new Promise((r) => setTimeout(r, Math.min(50, 5 * i)));
          inner = kv.list<T>(selector, opts);
        }
      }
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it as unknown as Deno.KvListIterator<T>;
}

/**
 * Opens the KV store named by the settings: a local SQLite file (its folder
 * is created), `:memory:`, or (no path) Deno Deploy's managed KV. Opening a
 * SQLite file sets it up (journal mode, tables), which fails at once with
 * "database is locked" while another process writes to it, e.g. when
 * several instances start together; that is retried like any operation.
 *
 * @example
 * ```ts
 * const kv = await openKv("data/app.sqlite");
 * ```
 */
export async function openKv(path: string | undefined): Promise<Kv> {
  if (path && path !== ":memory:") {
    const dir = path.replace(/[^/]*$/, "");
    if (dir) await Deno.mkdir(dir, { recursive: true });
  }
  return lockTolerant(await retryLocked(() => Deno.openKv(path)));
}

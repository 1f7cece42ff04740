/**
 * @module
 * Progress lines for long steps (downloads, processing thousands of photos)
 * that read well both in a terminal and in a log: on a TTY one line is
 * rewritten in place (at most ten times a second); otherwise a line is
 * printed every tenth of the way (and every `every` items) and at the end.
 */

/** Where progress goes and how it looks. */
export interface ProgressOptions {
  /** Writes text as is (no newline added). Default: standard error. */
  write?: (text: string) => void;
  /** Rewrite one line in place. Default: whether standard error is a terminal. */
  tty?: boolean;
  /** Shows counts as bytes (MB) instead of items. */
  bytes?: boolean;
  /** Without a TTY, also print a line every `every` units. */
  every?: number;
  /** Extra text after the count (e.g. a rate or time left). */
  detail?: (current: number) => string;
}

/** A progress line for one step; call `update` as it goes and `done` at the end. */
export interface Progress {
  /** Reports `current` of the step's total. */
  update(current: number): void;
  /** Prints the final line (with `note` appended, if given). */
  done(note?: string): void;
}

const encoder = new TextEncoder();

/**
 * Starts a progress line labelled `label` for a step of `total` units
 * (bytes or items; `undefined` when unknown).
 *
 * @example
 * ```ts
 * import { progress } from "./progress.ts";
 * const lines: string[] = [];
 * const p = progress("pseudo", 4, { tty: false, write: (t) => lines.push(t) });
 * for (let i = 1; i <= 4; i++) p.update(i);
 * p.done();
 * lines.at(-1); // "pseudo: 4/4 (100%)\n"
 * ```
 */
export function progress(
  label: string,
  total: number | undefined,
  opts: ProgressOptions = {},
): Progress {
  const write = opts.write ??
    ((t: string) => Deno.stderr.writeSync(encoder.encode(t)));
  const tty = opts.tty ?? Deno.stderr.isTerminal();
  const fmt = (n: number) =>
    opts.bytes ? `${(n / 1e6).toFixed(1)} MB` : n.toLocaleString("en-US");
  const text = (n: number) => {
    const pct = total ? ` (${Math.floor((n / total) * 100)}%)` : "";
    const extra = opts.detail?.(n);
    return `${label}: ${fmt(n)}${
      total !== undefined ? `/${fmt(total)}` : ""
    }${pct}${extra ? `, ${extra}` : ""}`;
  };
  let lastTime = 0, lastStep = -1, lastEvery = 0, current = 0;
  return {
    update(n) {
      current = n;
      if (tty) {
        const now = Date.now();
        if (now - lastTime < 100) return;
        lastTime = now;
        write(`\r${text(n)}\x1b[K`);
      } else {
        const step = total ? Math.floor((n / total) * 10) : -1;
        const byCount = opts.every !== undefined &&
          n - lastEvery >= opts.every;
        if ((step > lastStep && step < 10) || byCount) {
          lastStep = Math.max(step, lastStep);
          lastEvery = n;
          write(`${text(n)}\n`);
        }
      }
    },
    done(note) {
      const line = `${text(current)}${note ? ` ${note}` : ""}`;
      write(tty ? `\r${line}\x1b[K\n` : `${line}\n`);
    },
  };
}

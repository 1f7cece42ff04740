/**
 * @module
 * A declared Blocks app at run time: its components, layout and event
 * bindings (declared with `blocks()` in blocks.ts), and the calls that run a
 * binding's function on wire values — through the scheduler, so the
 * binding's concurrency and time limits are decided in one queue.
 */
import type {
  BlocksBuilder,
  BlocksOptions,
  Dependency,
  LayoutNode,
} from "./blocks.ts";
import type { QueuePosition, Scheduler } from "../jobs/scheduler.ts";
import {
  BlocksInputError,
  type ComponentSpec,
  type RunContext,
} from "./types.ts";

/** The last argument every bound function gets, after its inputs. */
export interface FnContext {
  /** Aborts when the caller goes away or the time limit passes. */
  signal?: AbortSignal;
  /** Reports progress (0..1) to clients that show it. */
  progress?: (fraction: number, description?: string) => void;
}

/** Where a call runs: the scheduler, and how this app's lanes are named. */
export interface CallSite {
  scheduler: Scheduler;
  /** Prefix of the app's own lanes (e.g. its mount path), so two apps never share one by accident. */
  lanePrefix: string;
}

/** Options of {@link BlocksApp.call}. */
export interface CallOptions {
  /** Told while the call waits for a slot. */
  onWait?: (pos: QueuePosition) => void;
  /** Told when the call starts, with the lane's average duration. */
  onStart?: (averageS: number | null) => void;
}

/** A declared app: components by id, layout tree, event bindings. */
export class BlocksApp {
  readonly title: string;
  readonly description?: string;
  readonly components: ReadonlyMap<number, ComponentSpec>;
  readonly layout: LayoutNode;
  readonly dependencies: readonly Dependency[];
  /** Largest file a user may send to the app. */
  readonly maxFileBytes: number;
  /** Calls allowed to wait per lane before new ones are refused (503). */
  readonly maxQueue: number;

  constructor(opts: BlocksOptions, b: BlocksBuilder) {
    this.maxQueue = opts.maxQueue ?? 64;
    this.maxFileBytes = opts.maxFileBytes ?? 15 * 1024 * 1024;
    this.title = opts.title ?? "Blocks app";
    this.description = opts.description;
    this.components = b.components;
    this.layout = b.root;
    this.dependencies = b.dependencies;
  }

  /**
   * Whether component `id` is editable on the page: its explicit
   * `interactive` prop, else Gradio's rule (an input of some event, or not
   * an output of any).
   */
  isInteractive(id: number): boolean {
    const spec = this.components.get(id);
    if (!spec) return false;
    if (typeof spec.props.interactive === "boolean") {
      return spec.props.interactive && spec.interactive;
    }
    if (!spec.interactive) return false;
    const isInput = this.dependencies.some((d) => d.inputs.includes(id));
    const isOutput = this.dependencies.some((d) => d.outputs.includes(id));
    return isInput || !isOutput;
  }

  /** The scheduler lane of a binding: its `concurrencyId`, else its own. */
  laneOf(dep: Dependency, lanePrefix: string): string {
    return dep.concurrencyId ?? `${lanePrefix}#${dep.id}`;
  }

  /**
   * {@link BlocksApp.run} through the scheduler: at most the binding's
   * `concurrencyLimit` calls run at once, up to `maxQueue` wait (beyond that
   * a `QueueFullError`), and a call past its time limit is aborted
   * (`TimeLimitError`).
   */
  async call(
    site: CallSite,
    dep: Dependency,
    wire: unknown[],
    ctx: RunContext,
    opts: CallOptions = {},
  ): Promise<unknown[]> {
    const lane = this.laneOf(dep, site.lanePrefix);
    site.scheduler.lane(lane, {
      limit: dep.concurrencyLimit,
      maxWaiting: this.maxQueue,
    });
    return await site.scheduler.run(
      lane,
      (signal) => this.run(dep, wire, { ...ctx, signal }),
      {
        signal: ctx.signal,
        timeLimitMs: dep.timeLimitMs,
        onWait: opts.onWait,
        onStart: opts.onStart,
      },
    );
  }

  /** The dependency exposed as `name` (with or without a leading slash), or one of its aliases. */
  endpoint(name: string): Dependency | undefined {
    const n = name.replace(/^\//, "");
    return this.dependencies.find((d) =>
      d.apiName === n || (d.apiName !== null && d.aliases.includes(n))
    );
  }

  /**
   * Runs one dependency on wire values: preprocess each input, call the
   * function, postprocess each output. Throws `BlocksInputError` on a bad call.
   */
  async run(
    dep: Dependency,
    wire: unknown[],
    ctx: RunContext,
  ): Promise<unknown[]> {
    const full = ctx;
    if (!Array.isArray(wire)) {
      throw new BlocksInputError("`data` must be an array of input values.");
    }
    if (wire.length !== dep.inputs.length) {
      throw new BlocksInputError(
        `This endpoint takes ${dep.inputs.length} input value(s), got ${wire.length}.`,
      );
    }
    const args = await Promise.all(
      dep.inputs.map((id, i) =>
        this.components.get(id)!.preprocess(wire[i], full)
      ),
    );
    // After the inputs, functions get the call's context (abort signal,
    // progress), so long work can stop when the caller goes away.
    const result = await dep.fn(
      ...args,
      {
        signal: full.signal,
        progress: full.progress,
      } satisfies FnContext,
    );
    const values = dep.outputs.length === 1
      ? [result]
      : dep.outputs.length === 0
      ? []
      : result;
    if (!Array.isArray(values) || values.length !== dep.outputs.length) {
      throw new Error(
        `The function returned ${
          Array.isArray(values) ? values.length : "a non-array"
        }; expected ${dep.outputs.length} outputs.`,
      );
    }
    return await Promise.all(
      dep.outputs.map((id, i) =>
        this.components.get(id)!.postprocess(values[i], full)
      ),
    );
  }
}

/**
 * @module
 * A declared Blocks app at run time: its components, layout and event
 * bindings (declared with `blocks()` in blocks.ts), the file store, and the calls that run a
 * binding's function on wire values under its concurrency and time limits.
 */
import type {
  BlocksBuilder,
  BlocksOptions,
  Dependency,
  LayoutNode,
} from "./blocks.ts";
import { FileStore } from "./files.ts";
import { Limiter } from "./limiter.ts";
import {
  BlocksInputError,
  BlocksTimeoutError,
  type ComponentSpec,
  type RunContext,
} from "./types.ts";

/** A declared app: components by id, layout tree, event bindings, file store. */
export class BlocksApp {
  readonly title: string;
  readonly description?: string;
  readonly components: ReadonlyMap<number, ComponentSpec>;
  readonly layout: LayoutNode;
  readonly dependencies: readonly Dependency[];
  readonly files: FileStore;
  /** Calls allowed to wait per dependency before `BlocksBusyError`. */
  readonly maxQueue: number;
  #limiters = new Map<number, Limiter>();

  constructor(opts: BlocksOptions, b: BlocksBuilder) {
    this.maxQueue = opts.maxQueue ?? 64;
    this.title = opts.title ?? "Blocks app";
    this.description = opts.description;
    this.components = b.components;
    this.layout = b.root;
    this.dependencies = b.dependencies;
    this.files = new FileStore({ maxFileBytes: opts.maxFileBytes });
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

  /**
   * Like {@link BlocksApp.run}, with the dependency's concurrency limit (calls
   * beyond it wait; a long queue fails with `BlocksBusyError`) and time limit
   * (`BlocksTimeoutError`).
   */
  async call(
    dep: Dependency,
    wire: unknown[],
    ctx: Partial<RunContext> = {},
  ): Promise<unknown[]> {
    let limiter = this.#limiters.get(dep.id);
    if (!limiter) {
      this.#limiters.set(
        dep.id,
        limiter = new Limiter(dep.concurrencyLimit, this.maxQueue),
      );
    }
    return await limiter.run(async () => {
      const ac = new AbortController();
      const onAbort = () => ac.abort(ctx.signal?.reason);
      ctx.signal?.addEventListener("abort", onAbort);
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            ac.abort();
            reject(
              new BlocksTimeoutError(
                `The function took longer than ${dep.timeLimitMs / 1000} s.`,
              ),
            );
          }, dep.timeLimitMs);
        });
        return await Promise.race([
          this.run(dep, wire, { ...ctx, signal: ac.signal }),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
        ctx.signal?.removeEventListener("abort", onAbort);
      }
    });
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
    ctx: Partial<RunContext> = {},
  ): Promise<unknown[]> {
    const full: RunContext = { files: this.files, ...ctx };
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
    const result = await dep.fn(...args);
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

/**
 * @module
 * One declaration per app: layout plus event bindings in the spirit of
 * Gradio's `gr.Blocks` and `button.click(fn, inputs, outputs)`. The resulting
 * {@link BlocksApp} drives the server-rendered page, the islands, the app's
 * JSON API and the Gradio-compatible protocol.
 *
 * @example
 * ```ts
 * const demo = blocks({ title: "Greet" }, (b) => {
 *   const name = b.add(textbox({ label: "Name" }));
 *   const out = b.add(textbox({ label: "Greeting", interactive: false }));
 *   b.add(button({ value: "Send hello" })).click(function greet(n: string) { return `Hello, ${n}`; }, [name], [out]);
 * });
 * ```
 */
import type { ComponentSpec, EventName } from "./types.ts";
import { type ButtonOptions, clearButtonSpec, examplesSpec } from "./button.ts";
import { BlocksApp } from "./blocks_app.ts";

/** A component placed in an app, with its id, and its event binders. */
export interface Handle<T extends ComponentSpec = ComponentSpec> {
  readonly id: number;
  readonly spec: T;
  /** Binds `fn` to this component's click. Returns the handle for chaining. */
  click(
    fn: BlocksFn,
    inputs: Handle[] | Handle,
    outputs: Handle[] | Handle,
    opts?: ListenerOptions,
  ): Handle<T>;
  change(
    fn: BlocksFn,
    inputs: Handle[] | Handle,
    outputs: Handle[] | Handle,
    opts?: ListenerOptions,
  ): Handle<T>;
  submit(
    fn: BlocksFn,
    inputs: Handle[] | Handle,
    outputs: Handle[] | Handle,
    opts?: ListenerOptions,
  ): Handle<T>;
  on(
    event: EventName,
    fn: BlocksFn,
    inputs: Handle[] | Handle,
    outputs: Handle[] | Handle,
    opts?: ListenerOptions,
  ): Handle<T>;
}

// deno-lint-ignore no-explicit-any
export type BlocksFn = (...args: any[]) => unknown;

/** Listener options (Gradio's names in camelCase). */
export interface ListenerOptions {
  /** Endpoint name; defaults to the function's name; `false` hides it from the API. */
  apiName?: string | false;
  /** Shown in the API docs. */
  apiDescription?: string;
  /** Run through the queue (default true). */
  queue?: boolean;
  /** Calls of this function allowed at once (default 1, like Gradio). */
  concurrencyLimit?: number;
  /**
   * Queue lane shared with other functions (Gradio's `concurrency_id`); by
   * default each function has its own. Functions running the segmentation
   * model use `"model"`, the lane `/api/segment` uses too.
   */
  concurrencyId?: string;
  /** Per-call time limit in ms (default 60 000). */
  timeLimitMs?: number;
  /** Older endpoint names that keep working (e.g. Interface's `predict`). */
  aliases?: string[];
}

/** One event binding. */
export interface Dependency {
  id: number;
  targets: { id: number; event: EventName }[];
  fn: BlocksFn;
  inputs: number[];
  outputs: number[];
  /** Endpoint name without the leading slash, or null when not exposed. */
  apiName: string | null;
  aliases: string[];
  description?: string;
  queue: boolean;
  concurrencyLimit: number;
  /** Shared lane name, or undefined for the function's own lane. */
  concurrencyId?: string;
  timeLimitMs: number;
}

/** A node of the layout tree: containers hold children, components are leaves by id. */
export type LayoutNode =
  | {
    kind: "container";
    id: number;
    type: "blocks" | "row" | "column" | "group";
    props: Record<string, unknown>;
    children: LayoutNode[];
  }
  | { kind: "component"; id: number };

/** App-level options. */
export interface BlocksOptions {
  title?: string;
  /** Markdown shown under the title by the page renderer. */
  description?: string;
  /** Largest file a user may send to the app. Default 15 MB. */
  maxFileBytes?: number;
  /** Calls that may wait per event before new ones are refused. Default 64. */
  maxQueue?: number;
}

/** Builds the layout: components are added to the innermost open row/column. */
export class BlocksBuilder {
  #nextId = 1;
  #stack: Extract<LayoutNode, { kind: "container" }>[];
  readonly components = new Map<number, ComponentSpec>();
  readonly dependencies: Dependency[] = [];
  readonly root: Extract<LayoutNode, { kind: "container" }>;

  constructor() {
    this.root = {
      kind: "container",
      id: 0,
      type: "blocks",
      props: {},
      children: [],
    };
    this.#stack = [this.root];
  }

  /** Places a component and returns its handle. */
  add<T extends ComponentSpec>(spec: T): Handle<T> {
    const id = this.#nextId++;
    this.components.set(id, spec);
    this.#stack.at(-1)!.children.push({ kind: "component", id });
    return this.#handle(id, spec);
  }

  /** Lays out what `children` adds side by side (wraps on narrow screens); returns what `children` returns. */
  row<T>(
    children: () => T,
    props: { variant?: string; equalHeight?: boolean } = {},
  ): T {
    return this.#container("row", props, children);
  }

  /** Stacks what `children` adds vertically; `scale` sets its share of a row. */
  column<T>(
    children: () => T,
    props: { scale?: number; minWidth?: number; variant?: string } = {},
  ): T {
    return this.#container("column", props, children);
  }

  /**
   * Places a Clear button that resets `targets` to their initial values in
   * the browser (Gradio's `ClearButton`; no server call).
   */
  clearButton(targets: Handle[], opts: ButtonOptions = {}): Handle {
    return this.add(clearButtonSpec(targets.map((t) => t.id), opts));
  }

  /**
   * Places a table of sample inputs; clicking a row fills `inputs`
   * (Gradio's `gr.Examples`). Each sample holds one wire value per input.
   */
  examples(
    samples: unknown[][],
    inputs: Handle[],
    opts: { label?: string; headers?: string[] } = {},
  ): Handle {
    for (const s of samples) {
      if (!Array.isArray(s) || s.length !== inputs.length) {
        throw new Error(`Each example needs ${inputs.length} value(s).`);
      }
    }
    return this.add(examplesSpec(samples, inputs.map((i) => i.id), opts));
  }

  /** Groups components without gaps. */
  group<T>(children: () => T): T {
    return this.#container("group", {}, children);
  }

  #container<T>(
    type: "row" | "column" | "group",
    props: Record<string, unknown>,
    children: () => T,
  ): T {
    const node = {
      kind: "container" as const,
      id: this.#nextId++,
      type,
      props,
      children: [] as LayoutNode[],
    };
    this.#stack.at(-1)!.children.push(node);
    this.#stack.push(node);
    try {
      return children();
    } finally {
      this.#stack.pop();
    }
  }

  #handle<T extends ComponentSpec>(id: number, spec: T): Handle<T> {
    const ids = (h: Handle[] | Handle) =>
      (Array.isArray(h) ? h : [h]).map((x) => x.id);
    const handle: Handle<T> = {
      id,
      spec,
      on: (event, fn, inputs, outputs, opts = {}) => {
        this.#bind(id, event, fn, ids(inputs), ids(outputs), opts);
        return handle;
      },
      click: (fn, i, o, opts) => handle.on("click", fn, i, o, opts),
      change: (fn, i, o, opts) => handle.on("change", fn, i, o, opts),
      submit: (fn, i, o, opts) => handle.on("submit", fn, i, o, opts),
    };
    return handle;
  }

  #bind(
    target: number,
    event: EventName,
    fn: BlocksFn,
    inputs: number[],
    outputs: number[],
    opts: ListenerOptions,
  ) {
    let apiName: string | null = null;
    if (opts.apiName !== false) {
      const base = (opts.apiName ?? fn.name) || "predict";
      if (!/^[A-Za-z_][\w-]*$/.test(base)) {
        throw new Error(`Invalid api name "${base}"`);
      }
      apiName = base;
      // Gradio makes duplicate names unique with a numeric suffix.
      for (
        let n = 1;
        this.dependencies.some((d) =>
          d.apiName === apiName || d.aliases.includes(apiName!)
        );
        n++
      ) {
        apiName = `${base}_${n}`;
      }
    }
    this.dependencies.push({
      id: this.dependencies.length,
      targets: [{ id: target, event }],
      fn,
      inputs,
      outputs,
      apiName,
      aliases: (opts.aliases ?? []).filter((a) => a !== apiName),
      description: opts.apiDescription,
      queue: opts.queue ?? true,
      concurrencyLimit: opts.concurrencyLimit ?? 1,
      concurrencyId: opts.concurrencyId,
      timeLimitMs: opts.timeLimitMs ?? 60_000,
    });
  }
}

/**
 * Declares an app: `build` adds components and layout to the builder and binds events.
 */
export function blocks(
  opts: BlocksOptions,
  build: (b: BlocksBuilder) => void,
): BlocksApp {
  const b = new BlocksBuilder();
  build(b);
  return new BlocksApp(opts, b);
}

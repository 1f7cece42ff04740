/**
 * Server-side Preact `options` hooks: while a page renders, components
 * registered as islands are wrapped in `<!--frsh:island:…-->` markers and
 * their props are collected for the boot script.
 *
 * @module
 */
import {
  type ComponentChildren,
  type ComponentType,
  Fragment,
  h,
  isValidElement,
  options,
  type VNode,
} from "preact";
import { Signal } from "@preact/signals";
import type { Stringifiers } from "../../jsonify/stringify.ts";

/** An island export known to the app: which chunk exports it, under what name. */
export interface IslandInfo {
  /** Unique identifier used in the boot script, e.g. `"Counter"`. */
  name: string;
  /** Export name in the island module, e.g. `"default"`. */
  exportName: string;
  /** Chunk path below `/_fresh/js/<BUILD_ID>/`, e.g. `"islands/Counter.js"`. */
  chunk: string;
}

/** A reference to server-rendered JSX passed to an island (`children` etc.). */
export class SlotRef {
  constructor(readonly name: string, readonly id: number) {}
}

/** Per-render state, set only while `renderToString` runs. */
export interface RenderState {
  islands: Map<ComponentType, IslandInfo>;
  islandProps: { slots: string[]; props: Record<string, unknown> }[];
  used: Set<IslandInfo>;
  depth: number;
  open: WeakSet<VNode>;
}

/** The render in progress, or `null`; renders are synchronous. */
export const RENDER: { current: RenderState | null } = { current: null };

/** Create the state for one page render. */
export function createRenderState(
  islands: Map<ComponentType, IslandInfo>,
): RenderState {
  return {
    islands,
    islandProps: [],
    used: new Set(),
    depth: 0,
    open: new WeakSet(),
  };
}

/** Stringifiers for island props: signals, computed signals and slots. */
export const SERVER_STRINGIFIERS: Stringifiers = {
  Computed: (v) =>
    v instanceof Signal && Object.getPrototypeOf(v) !== Signal.prototype
      ? { value: v.peek() }
      : undefined,
  Signal: (v) => v instanceof Signal ? { value: v.peek() } : undefined,
  Slot: (v) =>
    v instanceof SlotRef ? { value: { name: v.name, id: v.id } } : undefined,
};

function comment(text: string): VNode {
  // preact-render-to-string prints this Fragment prop as an HTML comment.
  return h(Fragment, { UNSTABLE_comment: text } as Record<string, unknown>);
}

function Slot(
  props: { name: string; id: number; children?: ComponentChildren },
): VNode {
  return h(Fragment, null, [
    comment(`frsh:slot:${props.id}:${props.name}`),
    props.children,
    comment("/frsh:slot"),
  ]);
}

function renderIsland(
  state: RenderState,
  island: ComponentType,
  info: IslandInfo,
  props: Record<string, unknown>,
  key: unknown,
): VNode {
  const id = state.islandProps.length;
  const serialized: Record<string, unknown> = {};
  const rendered: Record<string, unknown> = {};
  const slots: string[] = [];
  for (const [name, value] of Object.entries(props)) {
    // Signals pass isValidElement() (they render as text), so exclude them.
    const jsx = !(value instanceof Signal) &&
      (name === "children" ? value != null : isValidElement(value));
    if (jsx) {
      slots.push(name);
      serialized[name] = new SlotRef(name, id);
      rendered[name] = h(Slot, { name, id }, value as ComponentChildren);
    } else {
      serialized[name] = value;
      rendered[name] = value;
    }
  }
  state.islandProps.push({ slots, props: serialized });
  state.used.add(info);
  const k = key == null ? "" : String(key);
  return h(Fragment, null, [
    comment(`frsh:island:${info.name}:${id}:${k}`),
    h(island, rendered),
    comment("/frsh:island"),
  ]);
}

// deno-lint-ignore no-explicit-any
const opts = options as any;
const oldDiff = opts.__b;
const oldDiffed = opts.diffed;

opts.__b = (vnode: VNode) => {
  const state = RENDER.current;
  if (state && typeof vnode.type === "function") {
    const info = state.islands.get(vnode.type);
    if (info && state.depth === 0) {
      const island = vnode.type;
      const key = vnode.key;
      state.depth++;
      state.open.add(vnode);
      vnode.type = (props: Record<string, unknown>) =>
        renderIsland(state, island, info, props, key);
    }
  }
  oldDiff?.(vnode);
};

opts.diffed = (vnode: VNode) => {
  const state = RENDER.current;
  if (state && state.open.has(vnode)) {
    state.open.delete(vnode);
    state.depth--;
  }
  oldDiffed?.(vnode);
};

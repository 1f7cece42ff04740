/**
 * Server-side Preact `options` hooks, as Fresh's `preact_hooks.ts`: while a
 * page renders, components registered as islands are wrapped in
 * `<!--frsh:island:…-->` markers and their props are collected for the boot
 * script; `<Head>` tags replace the document's tags with the same key (the
 * rest go at the end of `<head>`); inline `<script>`/`<style>` get the
 * render's `nonce`; `<a href>` to the current page or an ancestor get
 * `aria-current`; `<img>`/`<source>` URLs get `asset()`.
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
import { useContext } from "preact/hooks";
import { Signal } from "@preact/signals";
import type { Stringifiers } from "../../jsonify/stringify.ts";
import { HeadContext } from "../head.ts";
import { assetHashingHook, setActiveUrl } from "../shared_internal.ts";

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
  /** Added to inline `<script>` and `<style>` (and the boot script). */
  nonce: string;
  /** The page's URL, for active links. */
  url: URL | null;
  /** `<Head>` tags not yet placed, by key. */
  headComponents: Map<string, AnyVNode>;
  /** Tag vnodes already handled by the head hook. */
  patched: WeakSet<AnyVNode>;
  /** Which document tags the render produced. */
  rendered: { html: boolean; head: boolean; body: boolean };
}

/** The render in progress, or `null`; renders are synchronous. */
export const RENDER: { current: RenderState | null } = { current: null };

/** Create the state for one page render. */
export function createRenderState(
  islands: Map<ComponentType, IslandInfo>,
  url: URL | null = null,
): RenderState {
  return {
    islands,
    islandProps: [],
    used: new Set(),
    depth: 0,
    open: new WeakSet(),
    nonce: crypto.randomUUID().replace(/-/g, ""),
    url,
    headComponents: new Map(),
    patched: new WeakSet(),
    rendered: { html: false, head: false, body: false },
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

/** An HTML comment vnode. */
export function comment(text: string): VNode {
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
type AnyVNode = VNode<any>;

/** Tags `<Head>` manages (Fresh's list). */
const HEAD_TAGS = new Set([
  "title",
  "meta",
  "link",
  "script",
  "style",
  "base",
  "noscript",
  "template",
]);

/**
 * Fresh's key for a head tag: its `key`, `"title"` for a title, else the
 * tag and its sorted attributes without `children`/`nonce`/`ref`, `href` on
 * a `<link>` and `content` on a `<meta>`.
 *
 * @example
 * ```ts
 * headKey(h("link", { rel: "stylesheet", href: "/a.css" })); // "link::stylesheet"
 * ```
 */
export function headKey(vnode: VNode): string {
  if (vnode.key != null) return String(vnode.key);
  if (vnode.type === "title") return "title";
  const props = vnode.props as Record<string, unknown>;
  let key = String(vnode.type);
  for (const name of Object.keys(props).sort()) {
    if (name === "children" || name === "nonce" || name === "ref") continue;
    if (name === "dangerouslySetInnerHTML") {
      key += String((props[name] as { __html?: unknown })?.__html);
      continue;
    }
    if (vnode.type === "meta" && name === "content") continue;
    if (vnode.type === "link" && name === "href") continue;
    key += `::${props[name]}`;
  }
  return key;
}

/** Renders the `<Head>` tags no document tag took, at the end of `<head>`. */
function RemainingHead(): VNode | null {
  const state = RENDER.current;
  if (!state || state.headComponents.size === 0) return null;
  const items = [...state.headComponents.values()];
  state.headComponents.clear();
  return h(Fragment, null, items);
}

function patchHeadTag(state: RenderState, vnode: VNode): void {
  const type = vnode.type as string;
  const key = headKey(vnode);
  const originalKey = vnode.key;
  // deno-lint-ignore no-explicit-any
  (vnode as any).type = (props: Record<string, unknown>) => {
    const inHead = useContext(HeadContext);
    if (originalKey != null) props["data-key"] = originalKey;
    const el: AnyVNode = h(type, props);
    state.patched.add(el);
    if (inHead) {
      state.headComponents.set(key, el);
      return null;
    }
    const cached = state.headComponents.get(key);
    if (cached) {
      state.headComponents.delete(key);
      return cached;
    }
    return el;
  };
}

function appendChild(vnode: VNode, child: AnyVNode): void {
  const props = vnode.props as { children?: unknown };
  const children = props.children;
  props.children = children == null
    ? [child]
    : Array.isArray(children)
    ? [...children, child]
    : [children, child];
}

// deno-lint-ignore no-explicit-any
const opts = options as any;
const oldVnode = opts.vnode;
const oldDiff = opts.__b;
const oldDiffed = opts.diffed;

opts.vnode = (vnode: VNode) => {
  assetHashingHook(vnode);
  oldVnode?.(vnode);
};

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
  } else if (state && typeof vnode.type === "string") {
    const type = vnode.type;
    const props = vnode.props as Record<string, unknown>;
    if (type === "html") state.rendered.html = true;
    else if (type === "body") state.rendered.body = true;
    else if (type === "head" && !state.patched.has(vnode)) {
      state.rendered.head = true;
      state.patched.add(vnode);
      appendChild(vnode, h(RemainingHead, {}));
    } else if (type === "a" && state.url) {
      setActiveUrl(vnode, state.url.pathname, state.url.search);
    }
    if ((type === "script" || type === "style") && !props.nonce) {
      props.nonce = state.nonce;
    }
    if (HEAD_TAGS.has(type) && !state.patched.has(vnode)) {
      patchHeadTag(state, vnode);
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

/**
 * The client runtime: `boot()` finds the island markers rendered by the
 * server, revives the serialized props (signals shared between islands stay
 * one signal) and renders each island into its marked range.
 *
 * @module
 */
import {
  type ComponentChild,
  type ComponentType,
  h,
  options,
  render,
  type VNode,
} from "preact";
import { computed, signal } from "@preact/signals";
import { parse } from "../../jsonify/parse.ts";
import { BUILD_ID_REF } from "../shared.ts";
import { assetHashingHook } from "../shared_internal.ts";

// As on the server (and in Fresh's client): islands' <img>/<source> URLs
// become asset() URLs, so hydration renders the same src.
const oldVnode = options.vnode;
options.vnode = (vnode: VNode) => {
  assetHashingHook(vnode);
  oldVnode?.(vnode);
};

class SlotMarker {
  constructor(readonly name: string, readonly id: number) {}
}

interface IslandRange {
  name: string;
  id: number;
  start: Comment;
  end?: Comment;
  slots: Map<string, { start: Comment; end?: Comment }>;
}

/**
 * Hydrate every island on the page. Called by the boot script the server
 * appends to `<body>`.
 *
 * @example
 * ```ts
 * import { boot } from "./mod.ts";
 * import Counter from "/_fresh/js/<id>/islands/Counter.js";
 * boot({ Counter }, '[[1],{"slots":2,"props":3},[],{}]', "<id>");
 * ```
 */
export function boot(
  islands: Record<string, ComponentType>,
  payload: string,
  buildId?: string,
): void {
  if (buildId) BUILD_ID_REF.current = buildId;
  const entries = parse<{ props: Record<string, unknown> }[]>(payload, {
    Signal: (v) => signal(v),
    Computed: (v) => computed(() => v),
    Slot: (v) => {
      const { name, id } = v as { name: string; id: number };
      return new SlotMarker(name, id);
    },
  });

  const roots: IslandRange[] = [];
  const stack: (IslandRange | { slot: string; start: Comment })[] = [];
  const walker = document.createTreeWalker(
    document.body,
    NodeFilter.SHOW_COMMENT,
  );
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const c = node as Comment;
    const text = c.data;
    if (text.startsWith("frsh:island:")) {
      const [, , name, id] = text.split(":");
      stack.push({ name, id: Number(id), start: c, slots: new Map() });
    } else if (text === "/frsh:island") {
      const island = stack.pop() as IslandRange | undefined;
      if (island && "slots" in island) {
        island.end = c;
        roots.push(island);
      }
    } else if (text.startsWith("frsh:slot:")) {
      stack.push({ slot: text.split(":").slice(3).join(":"), start: c });
    } else if (text === "/frsh:slot") {
      const slot = stack.pop();
      const owner = stack.at(-1);
      if (slot && "slot" in slot && owner && "slots" in owner) {
        owner.slots.set(slot.slot, { start: slot.start, end: c });
      }
    }
  }

  for (const island of roots) {
    const { start, end, name, id } = island;
    const Component = islands[name];
    const parent = start.parentNode;
    if (!Component || !end || !parent) continue;
    if (end.parentNode !== parent) {
      // deno-lint-ignore no-console
      console.error(
        `Fresh hydration error: island "${name}" has invalid HTML nesting; skipped.`,
      );
      continue;
    }
    const props: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries[id]?.props ?? {})) {
      if (value instanceof SlotMarker) {
        const range = island.slots.get(value.name);
        props[key] = range?.end
          ? nodesBetween(range.start, range.end).map(domToVNode)
          : null;
      } else {
        props[key] = value;
      }
    }
    try {
      render(h(Component, props), createRootFragment(parent, start, end));
    } catch (err) {
      // deno-lint-ignore no-console
      console.error(`Fresh hydration error in island "${name}":`, err);
    }
  }
}

function nodesBetween(start: Node, end: Node): Node[] {
  const out: Node[] = [];
  for (let n = start.nextSibling; n && n !== end; n = n.nextSibling) {
    out.push(n);
  }
  return out;
}

function domToVNode(node: Node): ComponentChild {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const props: Record<string, unknown> = {};
  for (const attr of el.attributes) props[attr.name] = attr.value;
  return h(el.localName, props, ...[...el.childNodes].map(domToVNode));
}

/**
 * A stand-in parent so Preact renders only between two marker comments.
 */
function createRootFragment(parent: Node, start: Node, end: Node): Element {
  const fragment = {
    nodeType: 1,
    parentNode: parent,
    namespaceURI: (parent as Element).namespaceURI,
    ownerDocument: parent.ownerDocument,
    get firstChild() {
      const n = start.nextSibling;
      return n === end ? null : n;
    },
    get childNodes() {
      return nodesBetween(start, end);
    },
    insertBefore(node: Node, ref: Node | null) {
      return parent.insertBefore(node, ref ?? end);
    },
    appendChild(node: Node) {
      return parent.insertBefore(node, end);
    },
    removeChild(node: Node) {
      return parent.removeChild(node);
    },
    contains(node: Node) {
      return nodesBetween(start, end).some((n) =>
        n === node || n.contains(node)
      );
    },
  };
  return fragment as unknown as Element;
}

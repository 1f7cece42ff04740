/**
 * @module
 * Turns a pure widget into an island body: the value lives in a shared
 * signal, user edits write it, and the component's events run their
 * bindings through the runner. Each `islands/blocks/*.tsx` is one line of
 * {@link makeIsland}.
 */
import type { FunctionComponent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Signal } from "@preact/signals";
import type { ClientEvents, Status, WidgetProps } from "./client_types.ts";
import { runDep } from "../../client/kit/runner.ts";

/** Serializable props the page passes to a kit island. */
export interface IslandProps {
  id: string;
  kind: string;
  props: Record<string, unknown>;
  interactive: boolean;
  root: string;
  value: Signal<unknown>;
  /** Bindings this component triggers, by event. */
  events?: ClientEvents;
  /** Statuses of the bindings that write this component (busy overlay). */
  writers?: Signal<Status>[];
  /** Clear buttons and Examples: the components they set, and initial values. */
  targets?: Signal<unknown>[];
  initial?: unknown[];
}

const DEBOUNCED = new Set(["textbox", "textarea", "number"]);

/**
 * Wraps `Widget` for use as an island.
 *
 * @example
 * ```tsx
 * // islands/blocks/Slider.tsx
 * export default makeIsland(SliderWidget);
 * ```
 */
export function makeIsland<V>(
  Widget: FunctionComponent<WidgetProps<V>>,
): FunctionComponent<IslandProps> {
  return function KitIsland(p: IslandProps) {
    const [hydrated, setHydrated] = useState(false);
    const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
    useEffect(() => setHydrated(true), []);
    const events = p.events ?? {};
    const fire = (name: string) => {
      for (const dep of events[name] ?? []) runDep(dep);
    };
    const onChange = (v: V) => {
      p.value.value = v;
      if (events.input) fire("input");
      if (!events.change) return;
      clearTimeout(timer.current);
      if (DEBOUNCED.has(p.kind)) {
        timer.current = setTimeout(() => fire("change"), 300);
      } else fire("change");
    };
    const own = Object.values(events).flat().filter((d) => d !== undefined);
    const error = own.map((d) => d!.status.value.error).find((e) => e) ?? null;
    const busy = (p.writers ?? []).some((s) => s.value.pending) ||
      own.some((d) => d!.status.value.pending);
    return (
      <Widget
        id={p.id}
        kind={p.kind}
        props={p.props}
        value={p.value.value as V}
        interactive={p.interactive}
        root={p.root}
        busy={busy}
        error={error}
        hydrated={hydrated}
        onChange={onChange}
        onEvent={fire}
        targets={p.targets}
        initial={p.initial}
      />
    );
  };
}

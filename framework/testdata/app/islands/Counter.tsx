import type { Signal } from "@preact/signals";

export default function Counter(props: { id: string; count: Signal<number> }) {
  return (
    <div class="counter" id={props.id}>
      <button type="button" onClick={() => props.count.value += 1}>+1</button>
      <span class="value">{props.count}</span>
    </div>
  );
}

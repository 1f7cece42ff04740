import type { Signal } from "@preact/signals";

export function Display(
  props: { count: Signal<number>; when: Date; bytes: Uint8Array },
) {
  return (
    <p id="display">
      {props.count.value * 2}|{props.when.toISOString()}|{props.bytes.join(",")}
    </p>
  );
}

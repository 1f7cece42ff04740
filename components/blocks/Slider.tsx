import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

/** Slider: a range input plus a number box showing (and setting) the value; `release` fires on commit. */
export function SliderWidget(p: WidgetProps<number>) {
  const min = (p.props.minimum as number | undefined) ?? 0;
  const max = (p.props.maximum as number | undefined) ?? 100;
  const step = (p.props.step as number | undefined) ?? 1;
  const inputId = `${p.id}-input`;
  const set = (s: string) => {
    const n = Number(s);
    if (s !== "" && Number.isFinite(n)) {
      p.onChange?.(Math.min(max, Math.max(min, n)));
    }
  };
  const label = (p.props.label as string | undefined) ?? "Value";
  return (
    <Block {...p} props={{ ...p.props, label }} labelFor={inputId}>
      <div class="bk-slider-row">
        <input
          id={inputId}
          type="range"
          class="bk-range"
          min={min}
          max={max}
          step={step}
          value={p.value ?? min}
          disabled={!p.interactive}
          onInput={(e) => set(e.currentTarget.value)}
          onChange={() => p.onEvent?.("release")}
        />
        <input
          type="number"
          class="bk-input bk-slider-number"
          aria-label={`${label} (number)`}
          min={min}
          max={max}
          step={step}
          value={p.value ?? min}
          readOnly={!p.interactive}
          onInput={(e) => set(e.currentTarget.value)}
        />
      </div>
    </Block>
  );
}

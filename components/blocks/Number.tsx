import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

/** Number: an `<input type="number">` with minimum/maximum/step. */
export function NumberWidget(p: WidgetProps<number | null>) {
  const inputId = `${p.id}-input`;
  return (
    <Block {...p} labelFor={inputId}>
      <input
        id={inputId}
        type="number"
        class="bk-input"
        min={p.props.minimum as number | undefined}
        max={p.props.maximum as number | undefined}
        step={(p.props.step as number | undefined) ?? "any"}
        placeholder={p.props.placeholder as string | undefined}
        readOnly={!p.interactive}
        value={p.value ?? ""}
        onInput={(e) => {
          const s = e.currentTarget.value;
          p.onChange?.(s === "" ? null : Number(s));
        }}
        onKeyDown={(e) => e.key === "Enter" && p.onEvent?.("submit")}
      />
    </Block>
  );
}

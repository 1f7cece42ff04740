import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

/** Checkbox: a labelled tick box. */
export function CheckboxWidget(p: WidgetProps<boolean>) {
  const inputId = `${p.id}-input`;
  return (
    <Block {...p} noLabel>
      <label class="bk-choice" for={inputId}>
        <input
          id={inputId}
          type="checkbox"
          checked={p.value === true}
          disabled={!p.interactive}
          onChange={(e) => p.onChange?.(e.currentTarget.checked)}
        />
        {(p.props.label as string | undefined) ?? "Checkbox"}
      </label>
    </Block>
  );
}

import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

/** Dropdown: a `<select>`; with `multiselect` a multiple select whose value is a list. */
export function DropdownWidget(p: WidgetProps<unknown>) {
  const choices =
    (p.props.choices as [string, string | number][] | undefined) ?? [];
  const multi = p.props.multiselect === true;
  const inputId = `${p.id}-input`;
  const selected = multi ? (Array.isArray(p.value) ? p.value : []) : [p.value];
  return (
    <Block {...p} labelFor={inputId}>
      <select
        id={inputId}
        class="bk-input"
        multiple={multi}
        size={multi ? Math.min(6, Math.max(2, choices.length)) : undefined}
        disabled={!p.interactive}
        onChange={(e) => {
          const el = e.currentTarget;
          const pick = (i: number) => choices[i][1];
          if (multi) {
            p.onChange?.(
              [...el.selectedOptions].map((o) => pick(Number(o.value))),
            );
          } else p.onChange?.(el.value === "" ? null : pick(Number(el.value)));
        }}
      >
        {!multi && (
          <option value="" selected={p.value === null || p.value === undefined}>
            —
          </option>
        )}
        {choices.map(([text, value], i) => (
          <option key={i} value={String(i)} selected={selected.includes(value)}>
            {text}
          </option>
        ))}
      </select>
    </Block>
  );
}

import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

/** Radio: one choice among `choices` (`[label, value]` pairs), as a labelled fieldset. */
export function RadioWidget(p: WidgetProps<string | number | null>) {
  const choices =
    (p.props.choices as [string, string | number][] | undefined) ?? [];
  const label = (p.props.label as string | undefined) ?? "Choice";
  return (
    <Block {...p} noLabel>
      <fieldset class="bk-fieldset" disabled={!p.interactive}>
        <legend
          class={p.props.show_label === false
            ? "bk-label visually-hidden"
            : "bk-label"}
        >
          {label}
        </legend>
        {choices.map(([text, value], i) => (
          <label class="bk-choice" key={i}>
            <input
              type="radio"
              name={`${p.id}-radio`}
              value={String(value)}
              checked={p.value === value}
              onChange={() => p.onChange?.(value)}
            />
            {text}
          </label>
        ))}
      </fieldset>
    </Block>
  );
}

import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

/**
 * Button: fires `click`; a Clear button (`props.clears`) resets its targets
 * to their initial values instead. Disabled while its call runs.
 */
export function ButtonWidget(p: WidgetProps<string>) {
  const variant = (p.props.variant as string | undefined) ?? "secondary";
  const onClick = () => {
    if (p.targets) {
      p.targets.forEach((s, i) => s.value = p.initial?.[i] ?? null);
    }
    p.onEvent?.("click");
  };
  return (
    <Block {...p} props={{ ...p.props, label: undefined }} busy={false}>
      <button
        type="button"
        id={`${p.id}-button`}
        class={`bk-button bk-${variant}${
          p.props.size ? ` bk-${p.props.size}` : ""
        }`}
        disabled={p.props.interactive === false || p.busy ||
          (!p.hydrated && p.interactive)}
        onClick={onClick}
      >
        {p.busy ? "Processing…" : String(p.value ?? p.props.value ?? "Run")}
      </button>
    </Block>
  );
}

import { useEffect } from "preact/hooks";
import type { WidgetProps } from "./client_types.ts";
import { Block, errorId, focusError } from "./Block.tsx";
import { announce } from "./announce.ts";

/**
 * Button: fires `click`; a Clear button (`props.clears`) resets its targets
 * to their initial values instead. While its call runs it reads
 * "Processing…" (also said through the page's live region) and ignores
 * clicks, but keeps keyboard focus (`aria-disabled`, not `disabled`); when
 * the call fails, focus moves to the error message.
 */
export function ButtonWidget(p: WidgetProps<string>) {
  const variant = (p.props.variant as string | undefined) ?? "secondary";
  useEffect(() => {
    if (p.busy) announce("Processing…");
  }, [p.busy]);
  useEffect(() => {
    if (p.error && p.hydrated) focusError(p.id);
  }, [p.error]);
  const onClick = () => {
    if (p.busy) return;
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
        disabled={p.props.interactive === false ||
          (!p.hydrated && p.interactive)}
        aria-disabled={p.busy ? "true" : undefined}
        aria-describedby={p.error ? errorId(p.id) : undefined}
        onClick={onClick}
      >
        {p.busy ? "Processing…" : String(p.value ?? p.props.value ?? "Run")}
      </button>
    </Block>
  );
}

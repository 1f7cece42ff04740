import { useEffect, useRef } from "preact/hooks";
import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";
import { announce } from "./announce.ts";

/**
 * Textbox / TextArea: a single-line `<input>` (lines 1, or password/email) or a `<textarea>`.
 * Enter in a single-line box fires `submit`. A read-only box (an output)
 * says each new text through the page's live region.
 */
export function TextboxWidget(p: WidgetProps<string>) {
  const shown = useRef(p.value);
  useEffect(() => {
    if (p.interactive || p.value === shown.current) return;
    shown.current = p.value;
    if (p.value) announce(String(p.value));
  }, [p.value]);
  const props = p.props;
  const lines = (props.lines as number | undefined) ?? 1;
  const maxLines = (props.max_lines as number | undefined) ?? 20;
  const type = (props.type as string | undefined) ?? "text";
  const value = p.value ?? "";
  const inputId = `${p.id}-input`;
  const common = {
    id: inputId,
    name: inputId,
    placeholder: props.placeholder as string | undefined,
    readOnly: !p.interactive,
    maxLength: props.max_length as number | undefined,
    value,
    onInput: (e: Event) =>
      p.onChange?.((e.currentTarget as HTMLInputElement).value),
  };
  const single = type !== "text" ||
    (lines === 1 && p.interactive && !value.includes("\n"));
  const rows = Math.min(maxLines, Math.max(lines, value.split("\n").length));
  return (
    <Block {...p} labelFor={inputId}>
      {single
        ? (
          <input
            {...common}
            type={type}
            class="bk-input"
            onKeyDown={(e) => {
              if (e.key === "Enter") p.onEvent?.("submit");
            }}
          />
        )
        : (
          <textarea
            {...common}
            class="bk-input"
            rows={rows}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && lines === 1) {
                e.preventDefault();
                p.onEvent?.("submit");
              }
            }}
          />
        )}
    </Block>
  );
}

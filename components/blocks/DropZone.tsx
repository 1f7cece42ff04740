import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

/** Props of {@link DropZone}. */
export interface DropZoneProps {
  /** id of the hidden `<input type=file>` (the label points at it). */
  inputId: string;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Also take images pasted while the zone (or nothing else) has focus. */
  paste?: boolean;
  hint: string;
  onFiles: (files: File[]) => void;
  children?: ComponentChildren;
}

/** A click / keyboard / drag-and-drop (and optionally paste) target around a file input. */
export function DropZone(p: DropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const zone = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);
  useEffect(() => {
    if (!p.paste || p.disabled) return;
    const onPaste = (e: ClipboardEvent) => {
      const active = document.activeElement;
      const mine = zone.current?.contains(active) ||
        ((!active || active === document.body) &&
          document.querySelector("[data-paste-target]") === zone.current);
      if (!mine) return;
      const files = [...(e.clipboardData?.files ?? [])].filter((f) =>
        f.type.startsWith("image/")
      );
      if (files.length) {
        e.preventDefault();
        p.onFiles(files);
      }
    };
    addEventListener("paste", onPaste);
    return () => removeEventListener("paste", onPaste);
  }, [p.paste, p.disabled, p.onFiles]);
  return (
    <div
      ref={zone}
      class={`bk-drop${over ? " bk-over" : ""}`}
      role="button"
      tabIndex={p.disabled ? -1 : 0}
      aria-controls={p.inputId}
      aria-disabled={p.disabled ? "true" : undefined}
      data-paste-target={p.paste ? "" : undefined}
      onClick={() => !p.disabled && input.current?.click()}
      onKeyDown={(e) => {
        if ((e.key === "Enter" || e.key === " ") && !p.disabled) {
          e.preventDefault();
          input.current?.click();
        }
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!p.disabled && e.dataTransfer?.files.length) {
          p.onFiles([
            ...e.dataTransfer.files,
          ]);
        }
      }}
    >
      {p.children ?? <span class="bk-drop-hint">{p.hint}</span>}
      <input
        ref={input}
        id={p.inputId}
        type="file"
        class="visually-hidden"
        accept={p.accept}
        multiple={p.multiple}
        disabled={p.disabled}
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = "";
          if (files.length) p.onFiles(files);
        }}
      />
    </div>
  );
}

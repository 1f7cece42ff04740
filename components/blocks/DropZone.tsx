import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

/** Props of {@link DropZone}. */
export interface DropZoneProps {
  /** id of the hidden `<input type=file>` (the widget's label points at it). */
  inputId: string;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Also take images pasted while the zone (or nothing else) has focus. */
  paste?: boolean;
  hint: string;
  /** Text of the "choose a file" button, e.g. "Choose an image". */
  choose: string;
  /** The component's label, added to the button's name ("Choose an image (Photo)"). */
  name?: string;
  onFiles: (files: File[]) => void;
  /** Shown in the drop area instead of the hint (e.g. the preview). */
  children?: ComponentChildren;
  /** More controls for the row under the drop area (after the choose button). */
  tools?: ComponentChildren;
}

/**
 * A file drop area with a real "choose a file" button under it. The area
 * itself is not a control (no role, not focusable), so nothing interactive
 * nests: the keyboard reaches the button, which opens the file chooser;
 * the mouse can click anywhere in the area; files can be dropped on it and,
 * with `paste`, images pasted while focus is in the zone (or nowhere).
 *
 * @example
 * ```tsx
 * <DropZone inputId="c3-input" accept="image/*" hint="Drop an image here" choose="Choose an image" onFiles={take} />
 * ```
 */
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
  const open = () => !p.disabled && input.current?.click();
  return (
    <div
      ref={zone}
      class="bk-dropzone"
      data-paste-target={p.paste ? "" : undefined}
    >
      {
        /* A pointer convenience only: keyboard and screen-reader users get
          the button below, so the area needs no role. */
      }
      <div
        class={`bk-drop${over ? " bk-over" : ""}${
          p.disabled ? " bk-disabled" : ""
        }`}
        onClick={open}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (!p.disabled && e.dataTransfer?.files.length) {
            p.onFiles([...e.dataTransfer.files]);
          }
        }}
      >
        {p.children ?? <span class="bk-drop-hint">{p.hint}</span>}
      </div>
      <input
        ref={input}
        id={p.inputId}
        type="file"
        class="visually-hidden"
        accept={p.accept}
        multiple={p.multiple}
        disabled={p.disabled}
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = "";
          if (files.length) p.onFiles(files);
        }}
      />
      <div class="bk-tools">
        <button
          type="button"
          class="bk-link bk-choose"
          id={`${p.inputId}-choose`}
          aria-label={p.name ? `${p.choose} (${p.name})` : undefined}
          disabled={p.disabled}
          onClick={open}
        >
          {p.choose}
        </button>
        {p.tools}
      </div>
    </div>
  );
}

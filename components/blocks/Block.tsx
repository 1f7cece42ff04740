import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import type { WidgetProps } from "./client_types.ts";
import { announce, ensureAnnouncer } from "./announce.ts";

/** Props of {@link Block}. */
export interface BlockProps
  extends
    Pick<WidgetProps, "id" | "kind" | "props" | "busy" | "error" | "hydrated"> {
  children?: ComponentChildren;
  /** Element the label points at (`for`); omit for group widgets that use `<fieldset>`. */
  labelFor?: string;
  /** Render no visible label (the widget labels itself). */
  noLabel?: boolean;
}

/**
 * The frame of every kit component: `data-component`, visibility, label,
 * info text, busy state and error message. Going busy is announced through
 * the page's live region ("Processing…"); the error is an alert that
 * {@link focusError} can move focus to.
 *
 * @example
 * ```tsx
 * <Block id="c1" kind="textbox" props={{ label: "Name" }} labelFor="c1-input"><input id="c1-input" /></Block>
 * ```
 */
export function Block(p: BlockProps) {
  useEffect(() => void ensureAnnouncer(), []);
  useEffect(() => {
    if (p.busy) announce("Processing…");
  }, [p.busy]);
  const label = p.props.label as string | undefined;
  const classes = [
    "bk-block",
    `bk-is-${p.kind}`,
    ...((p.props.elem_classes as string[] | undefined) ?? []),
  ];
  const scale = p.props.scale as number | undefined;
  const minWidth = p.props.min_width as number | undefined;
  const style = [
    scale !== undefined ? `flex-grow:${scale}` : "",
    minWidth !== undefined ? `min-width:${minWidth}px` : "",
  ]
    .filter(Boolean).join(";");
  return (
    <div
      class={classes.join(" ")}
      id={(p.props.elem_id as string | undefined) ?? p.id}
      data-component={p.kind}
      data-hydrated={p.hydrated ? "true" : undefined}
      hidden={p.props.visible === false}
      aria-busy={p.busy ? "true" : undefined}
      style={style || undefined}
    >
      {label && !p.noLabel && p.labelFor && (
        <label
          class={p.props.show_label === false
            ? "bk-label visually-hidden"
            : "bk-label"}
          for={p.labelFor}
        >
          {label}
        </label>
      )}
      {typeof p.props.info === "string" && <p class="bk-info">{p.props.info}
      </p>}
      {p.children}
      {/* Visual only: the live region says "Processing…". */}
      {p.busy && <div class="bk-busy" aria-hidden="true">Processing…</div>}
      {p.error && (
        <p class="bk-error" role="alert" id={errorId(p.id)} tabIndex={-1}>
          {p.error}
        </p>
      )}
    </div>
  );
}

/** The id of the error message of the block with widget id `id`. */
export function errorId(id: string): string {
  return `${id}-error`;
}

/**
 * Moves focus to the error message of the block with widget id `id` (after
 * a failed call, so keyboard and screen-reader users land on the reason).
 */
export function focusError(id: string): void {
  document.getElementById(errorId(id))?.focus();
}

/** The accessible name of a component: its label, else a fallback. */
export function nameOf(
  props: Record<string, unknown>,
  fallback: string,
): string {
  return (props.label as string | undefined) ?? fallback;
}

import { useEffect, useRef } from "preact/hooks";
import type { WidgetProps, WireFile } from "./client_types.ts";
import { Block } from "./Block.tsx";
import { useFileInput } from "../../client/kit/use_file_input.ts";

/**
 * Sketchpad: draw with mouse, pen or touch on a white canvas; after each
 * stroke the drawing is uploaded as a PNG and becomes the value.
 */
export function SketchpadWidget(p: WidgetProps<WireFile | null>) {
  const up = useFileInput(p as WidgetProps<unknown>);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [w, h] = (p.props.canvas_size as [number, number] | undefined) ??
    [512, 512];
  const brush =
    (p.props.brush as { color?: string; size?: number } | undefined) ?? {};
  const label = (p.props.label as string | undefined) ?? "Sketchpad";
  const canvasId = `${p.id}-canvas`;

  const clearCanvas = () => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, w, h);
  };
  useEffect(clearCanvas, []);
  // Cleared from outside (Clear button, new value null): wipe the canvas.
  useEffect(() => {
    if (p.value === null || p.value === undefined) clearCanvas();
  }, [p.value]);

  const point = (e: PointerEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    return [
      (e.clientX - r.left) * (w / r.width),
      (e.clientY - r.top) * (h / r.height),
    ] as const;
  };
  const ctx2d = () => {
    const ctx = canvas.current!.getContext("2d")!;
    ctx.strokeStyle = brush.color ?? "#111111";
    ctx.lineWidth = brush.size ?? 8;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    return ctx;
  };
  const down = (e: PointerEvent) => {
    if (!p.interactive) return;
    drawing.current = true;
    canvas.current!.setPointerCapture?.(e.pointerId);
    const [x, y] = point(e);
    const ctx = ctx2d();
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 0.01, y);
    ctx.stroke();
  };
  const move = (e: PointerEvent) => {
    if (!drawing.current) return;
    const [x, y] = point(e);
    const ctx = ctx2d();
    ctx.lineTo(x, y);
    ctx.stroke();
  };
  const upHandler = () => {
    if (!drawing.current) return;
    drawing.current = false;
    canvas.current!.toBlob(
      (b) => b && up.take([new File([b], "sketch.png", { type: "image/png" })]),
      "image/png",
    );
  };
  return (
    <Block
      {...p}
      props={{ ...p.props, label: undefined }}
      error={p.error ?? up.error}
    >
      <p class="bk-label" id={`${canvasId}-label`}>{label}</p>
      {p.interactive
        ? (
          <canvas
            ref={canvas}
            id={canvasId}
            class="bk-canvas"
            width={w}
            height={h}
            role="img"
            aria-labelledby={`${canvasId}-label`}
            aria-describedby={`${canvasId}-help`}
            data-has-value={p.value ? "true" : undefined}
            onPointerDown={down}
            onPointerMove={move}
            onPointerUp={upHandler}
            onPointerLeave={upHandler}
          />
        )
        : p.value?.url
        ? <img class="bk-image" src={p.value.url} alt={label} />
        : <p class="bk-empty">No drawing yet.</p>}
      {p.interactive && (
        <div class="bk-tools">
          <span id={`${canvasId}-help`} class="bk-muted">
            Draw with the mouse, a pen or a finger.
          </span>
          <button type="button" class="bk-link" onClick={() => up.clear()}>
            Clear drawing
          </button>
          {up.busy && <span role="status" class="bk-muted">Saving…</span>}
        </div>
      )}
    </Block>
  );
}

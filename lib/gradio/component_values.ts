/**
 * @module
 * Values whose shape differs between the kit and Gradio, converted at the
 * boundary (FileData ↔ FileRef is `file_data.ts`'s job, before inputs and
 * after outputs):
 *
 * - a Sketchpad is Gradio's ImageEditor, whose value is
 *   `{background, layers, composite}`: the kit's function gets the
 *   `composite` (the drawing), and its PNG goes back as the composite of a
 *   one-layer value;
 * - a Video is a FileData in Gradio 6 but `{video, subtitles}` in 5.49.1:
 *   both are accepted, and an output is a FileData that also carries
 *   `video` and `subtitles`, which each version's web component reads;
 * - an empty Label is `{}` (Gradio 6's Label reads `.label` of its value);
 * - a Dataframe value carries `metadata` (`null`: no styling).
 *
 * Clients that send the kit's own shapes (a FileData for a Sketchpad) keep
 * working: only Gradio's shapes are converted.
 *
 * @example
 * ```ts
 * fromGradioValue("sketchpad", { background: null, layers: [], composite: fd }); // fd
 * toGradioValue("label", null);                                                  // {}
 * ```
 */
import { isRecord } from "./wire.ts";

/** A Gradio input value → the kit's shape, for a component of kit type `type`. */
export function fromGradioValue(type: string | undefined, v: unknown): unknown {
  if (type === "sketchpad" && isEditorValue(v)) return v.composite ?? null;
  if (type === "video" && isRecord(v) && "video" in v && !("path" in v)) {
    return v.video ?? null;
  }
  return v;
}

/** A kit output value (already wire FileData) → Gradio's shape. */
export function toGradioValue(type: string | undefined, v: unknown): unknown {
  switch (type) {
    case "sketchpad":
      return v === null || v === undefined || isEditorValue(v)
        ? v
        : { background: null, layers: [v], composite: v };
    case "video":
      return isRecord(v) && typeof v.path === "string"
        ? { ...v, video: v, subtitles: null }
        : v;
    case "label":
      return v === null || v === undefined ? {} : v;
    case "dataframe":
      return isRecord(v) && Array.isArray(v.data) && !("metadata" in v)
        ? { ...v, metadata: null }
        : v;
    default:
      return v;
  }
}

/** Inputs of one call, by the kit types of the input components. */
export function fromGradioValues(
  types: (string | undefined)[],
  data: unknown[],
) {
  return data.map((v, i) => fromGradioValue(types[i], v));
}

/** Outputs of one call, by the kit types of the output components. */
export function toGradioValues(types: (string | undefined)[], data: unknown[]) {
  return data.map((v, i) => toGradioValue(types[i], v));
}

function isEditorValue(
  v: unknown,
): v is { composite?: unknown; layers?: unknown; background?: unknown } {
  return isRecord(v) && "composite" in v && "layers" in v;
}

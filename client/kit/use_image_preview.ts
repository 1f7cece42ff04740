/**
 * @module
 * The kit Image's fallback preview: when the browser cannot show the chosen
 * image (`<img>` fires `error`) and it is a HEIC or AVIF, the server's
 * upright JPEG is shown instead; the file itself is what the call sends.
 */
import { useEffect, useState } from "preact/hooks";
import type { WireFile } from "../../components/blocks/client_types.ts";
import { keptFile } from "./local_files.ts";
import { isHeif, serverPreview } from "./image_preview.ts";

/** What the widget shows for its value. */
export interface ShownImage {
  /** URL to show (the server's preview once it came); undefined while there is none. */
  url?: string;
  /** A line for people while the preview is made, or why there is none. */
  note?: string;
  /** Pass to the `<img>`'s `onError`. */
  onError: () => void;
}

/**
 * Hook: the URL to show for `value`, with the server's preview as fallback.
 *
 * @example
 * ```tsx
 * const shown = useImagePreview(p.value);
 * <img src={shown.url} onError={shown.onError} />
 * ```
 */
export function useImagePreview(value: WireFile | null): ShownImage {
  const [state, setState] = useState<
    { for?: string; url?: string; note?: string }
  >({});
  const key = value?.url;
  useEffect(() => () => {
    if (state.url) URL.revokeObjectURL(state.url);
  }, [state.url]);
  const mine = state.for === key;
  return {
    url: mine ? state.url : key,
    note: mine ? state.note : undefined,
    onError() {
      if (!value?.url || mine) return;
      setState({ for: key, note: "Preparing a preview…" });
      (async () => {
        const file = keptFile(value) ??
          await (await fetch(value.url!)).blob();
        if (!(await isHeif(file))) {
          return setState({
            for: key,
            note: "This browser cannot show this image.",
          });
        }
        const { blob } = await serverPreview(file);
        setState({ for: key, url: URL.createObjectURL(blob) });
      })().catch((err) =>
        setState({
          for: key,
          note: `No preview: ${(err as Error).message}`,
        })
      );
    },
  };
}

/**
 * @module
 * The file step of file widgets: a chosen file is kept in the browser at
 * once (instant preview) and the component's value becomes its reference;
 * the file travels with the call that uses it.
 */
import { useState } from "preact/hooks";
import type {
  WidgetProps,
  WireFile,
} from "../../components/blocks/client_types.ts";
import { keepFile } from "./local_files.ts";

/** File state of one widget. */
export interface FileInput {
  /** A file is being prepared (e.g. a large photo downscaled). */
  busy: boolean;
  error: string | null;
  /** Takes `files` (one, or all with `multiple`) and sets the value. */
  take(
    files: Blob[] | FileList | null | undefined,
    multiple?: boolean,
  ): Promise<void>;
  clear(): void;
}

/**
 * Hook for file widgets.
 *
 * @example
 * ```tsx
 * const input = useFileInput(p);
 * <input type="file" onChange={(e) => input.take(e.currentTarget.files)} />
 * ```
 */
export function useFileInput(
  p: WidgetProps<unknown>,
  maxBytes?: number,
): FileInput {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    async take(files, multiple = false) {
      const list = files ? Array.from(files as ArrayLike<Blob>) : [];
      if (!list.length) return;
      if (maxBytes && list.some((f) => f.size > maxBytes)) {
        setError(
          `The file is larger than ${Math.round(maxBytes / 1048576)} MB.`,
        );
        return;
      }
      setBusy(true);
      setError(null);
      try {
        const refs: WireFile[] = [];
        for (const f of multiple ? list : list.slice(0, 1)) {
          refs.push(await keepFile(f));
        }
        p.onChange?.(multiple ? refs : refs[0]);
        p.onEvent?.("upload");
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setBusy(false);
      }
    },
    clear() {
      setError(null);
      p.onChange?.(p.props.file_count === "multiple" ? [] : null);
      p.onEvent?.("clear");
    },
  };
}

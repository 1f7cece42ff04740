/**
 * @module
 * The upload step of file widgets: a chosen file is sent to `{root}/upload`
 * at once and the component's value becomes the returned FileRef.
 */
import { useState } from "preact/hooks";
import type { WidgetProps, WireFile } from "./client_types.ts";
import { uploadFile } from "./runner.ts";

/** Upload state of one widget. */
export interface Uploader {
  uploading: boolean;
  error: string | null;
  /** Uploads `files` (one, or all with `multiple`) and sets the value. */
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
 * const up = useUpload(p);
 * <input type="file" onChange={(e) => up.take(e.currentTarget.files)} />
 * ```
 */
export function useUpload(
  p: WidgetProps<unknown>,
  maxBytes?: number,
): Uploader {
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    uploading,
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
      setUploading(true);
      setError(null);
      try {
        const refs: WireFile[] = [];
        for (const f of multiple ? list : list.slice(0, 1)) {
          refs.push(await uploadFile(p.root, f));
        }
        p.onChange?.(multiple ? refs : refs[0]);
        p.onEvent?.("upload");
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setUploading(false);
      }
    },
    clear() {
      setError(null);
      p.onChange?.(multiple(p) ? [] : null);
      p.onEvent?.("clear");
    },
  };
}

function multiple(p: WidgetProps<unknown>): boolean {
  return p.props.file_count === "multiple";
}

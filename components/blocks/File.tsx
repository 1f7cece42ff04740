import type { WidgetProps, WireFile } from "./client_types.ts";
import { Block } from "./Block.tsx";
import { DropZone } from "./DropZone.tsx";
import { useFileInput } from "../../client/kit/use_file_input.ts";

/** File: upload (click or drag-drop; one or several) as input, download links as output. */
export function FileWidget(p: WidgetProps<WireFile | WireFile[] | null>) {
  const up = useFileInput(p as WidgetProps<unknown>);
  const multiple = p.props.file_count === "multiple";
  const files = p.value === null || p.value === undefined
    ? []
    : Array.isArray(p.value)
    ? p.value
    : [p.value];
  const inputId = `${p.id}-input`;
  const label = (p.props.label as string | undefined) ?? "File";
  const types = p.props.file_types as string[] | undefined;
  const accept = types?.map((t) => t.startsWith(".") ? t : `${t}/*`).join(",");
  return (
    <Block
      {...p}
      labelFor={p.interactive ? inputId : undefined}
      error={p.error ?? up.error}
    >
      {!p.interactive && <p class="bk-label">{label}</p>}
      {files.length > 0 && (
        <ul class="bk-files">
          {files.map((f) => (
            <li key={f.path}>
              <a
                href={f.url}
                download={f.origName ?? "file"}
                class="bk-file-link"
              >
                {f.origName ?? "file"}
              </a>
              {f.size !== undefined && (
                <span class="bk-muted">· {formatSize(f.size)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.interactive && (
        <>
          <DropZone
            inputId={inputId}
            accept={accept}
            multiple={multiple}
            hint={up.busy
              ? "Preparing…"
              : multiple
              ? "Drop files here or click to upload"
              : "Drop a file here or click to upload"}
            choose={multiple ? "Choose files" : "Choose a file"}
            name={label}
            onFiles={(f) => up.take(f, multiple)}
            tools={files.length > 0 && (
              <button type="button" class="bk-link" onClick={up.clear}>
                Clear
              </button>
            )}
          />
        </>
      )}
      {!p.interactive && files.length === 0 && (
        <p class="bk-empty">No file yet.</p>
      )}
    </Block>
  );
}

/** `1.2 MB`, `34 KB`, `12 bytes`. */
export function formatSize(n: number): string {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

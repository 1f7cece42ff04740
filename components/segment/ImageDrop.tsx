import { useRef, useState } from "preact/hooks";

interface Props {
  label: string;
  previewUrl: string | null;
  fileName?: string;
  disabled?: boolean;
  onFile: (f: File | null) => void;
}

/** Image input: click or keyboard to browse, drag and drop, with a preview. */
export function ImageDrop(
  { label, previewUrl, fileName, disabled, onFile }: Props,
) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (files: FileList | null | undefined) => {
    const f = files?.[0];
    if (f) onFile(f);
  };
  return (
    <div class="field">
      <label class="label" for="image-input">{label}</label>
      <div
        class={`drop${over ? " over" : ""}`}
        role="button"
        tabIndex={0}
        aria-describedby="drop-help"
        aria-disabled={disabled}
        onClick={() => !disabled && input.current?.click()}
        onKeyDown={(e) => {
          if ((e.key === "Enter" || e.key === " ") && !disabled) {
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
          if (!disabled) take(e.dataTransfer?.files);
        }}
      >
        {previewUrl
          ? (
            <img
              class="preview"
              src={previewUrl}
              alt={`Selected photo${fileName ? `: ${fileName}` : ""}`}
            />
          )
          : (
            <span class="drop-hint">
              <strong>Drop a photo here</strong> or click to upload
            </span>
          )}
      </div>
      <p id="drop-help" class="muted small">
        JPEG, PNG or GIF (other formats are converted in your browser). You can
        also paste an image.
      </p>
      <input
        ref={input}
        id="image-input"
        type="file"
        accept="image/*"
        class="visually-hidden"
        disabled={disabled}
        onChange={(e) => {
          take(e.currentTarget.files);
          e.currentTarget.value = "";
        }}
      />
      {previewUrl && (
        <button
          type="button"
          class="link small"
          onClick={() => onFile(null)}
          disabled={disabled}
        >
          Clear photo
        </button>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from "preact/hooks";
import type { WidgetProps, WireFile } from "./client_types.ts";
import { Block } from "./Block.tsx";
import { DropZone } from "./DropZone.tsx";
import { useFileInput } from "../../client/kit/use_file_input.ts";
import { useImagePreview } from "../../client/kit/use_image_preview.ts";

/**
 * Image: as input, click / drag-drop / paste upload and a webcam snapshot,
 * with a preview; as output, the image with a download link.
 */
export function ImageWidget(p: WidgetProps<WireFile | null>) {
  const up = useFileInput(p as WidgetProps<unknown>);
  const sources = (p.props.sources as string[] | undefined) ??
    ["upload", "webcam", "clipboard"];
  const [camera, setCamera] = useState(false);
  const inputId = `${p.id}-input`;
  const label = (p.props.label as string | undefined) ?? "Image";
  const v = p.value;
  const height = p.props.height as number | undefined;
  // A HEIC the browser cannot show is shown through the server's preview.
  const shown = useImagePreview(v);
  const img = shown.url
    ? (
      <img
        class="bk-image"
        id={`${p.id}-image`}
        src={shown.url}
        alt={`${label}${v?.origName ? `: ${v.origName}` : ""}`}
        style={height ? `max-height:${height}px` : undefined}
        onError={shown.onError}
      />
    )
    : shown.note
    ? <p class="bk-empty" role="status">{shown.note}</p>
    : null;
  if (!p.interactive) {
    return (
      <Block {...p} props={{ ...p.props, label: undefined }}>
        <p class="bk-label">{label}</p>
        {img ?? <p class="bk-empty">No image yet.</p>}
        {v?.url && p.props.show_download_button !== false && (
          <a class="bk-link" href={v.url} download={v.origName ?? "image.png"}>
            Download
          </a>
        )}
      </Block>
    );
  }
  const webcam = sources.includes("webcam") && !camera && (
    <button
      type="button"
      class="bk-link"
      id={`${p.id}-webcam`}
      onClick={() => setCamera(true)}
    >
      Use webcam
    </button>
  );
  const clear = v && (
    <button type="button" class="bk-link" onClick={up.clear}>
      Clear image
    </button>
  );
  return (
    <Block {...p} labelFor={inputId} error={p.error ?? up.error}>
      {camera
        ? (
          <>
            <Webcam
              onShot={(blob) => up.take([blob]).then(() => setCamera(false))}
              onCancel={() => setCamera(false)}
              id={p.id}
            />
            {clear && <div class="bk-tools">{clear}</div>}
          </>
        )
        : (
          <DropZone
            inputId={inputId}
            accept="image/*,.heic,.heif,.avif"
            paste={sources.includes("clipboard")}
            hint={up.busy
              ? "Preparing…"
              : sources.includes("clipboard")
              ? "Drop an image here, click to upload, or paste"
              : "Drop an image here or click to upload"}
            choose="Choose an image"
            name={label}
            onFiles={(f) => up.take(f)}
            tools={<>{webcam}{clear}</>}
          >
            {img}
          </DropZone>
        )}
    </Block>
  );
}

/** Live camera preview with a Capture button; gives a PNG snapshot. */
export function Webcam(
  p: { id: string; onShot: (png: Blob) => void; onCancel: () => void },
) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    navigator.mediaDevices?.getUserMedia({ video: true, audio: false }).then(
      (s) => {
        if (stopped) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        video.current!.srcObject = s;
        video.current!.onloadeddata = () => setReady(true);
      },
    ).catch((err) => setError(`Camera not available: ${err.message}`));
    if (!navigator.mediaDevices) {
      setError("Camera not available in this browser.");
    }
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  const capture = () => {
    const v = video.current!;
    const c = document.createElement("canvas");
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    c.getContext("2d")!.drawImage(v, 0, 0);
    c.toBlob(
      (b) => b && p.onShot(new File([b], "webcam.png", { type: "image/png" })),
      "image/png",
    );
  };
  return (
    <div class="bk-webcam">
      <video
        ref={video}
        autoplay
        muted
        playsInline
        class="bk-image"
        aria-label="Camera preview"
      />
      {error && <p class="bk-error" role="alert">{error}</p>}
      <div class="bk-tools">
        <button
          type="button"
          class="bk-button bk-primary"
          id={`${p.id}-capture`}
          disabled={!ready}
          onClick={capture}
        >
          Capture
        </button>
        <button type="button" class="bk-link" onClick={p.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

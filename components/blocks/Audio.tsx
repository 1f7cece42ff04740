import { useEffect, useRef, useState } from "preact/hooks";
import type { WidgetProps, WireFile } from "./client_types.ts";
import { Block } from "./Block.tsx";
import { DropZone } from "./DropZone.tsx";
import { useFileInput } from "../../client/kit/use_file_input.ts";

/**
 * Audio and Microphone: upload a clip and/or record one in the browser as
 * input; a player as output.
 */
export function AudioWidget(p: WidgetProps<WireFile | null>) {
  const up = useFileInput(p as WidgetProps<unknown>);
  const sources = (p.props.sources as string[] | undefined) ??
    ["upload", "microphone"];
  const inputId = `${p.id}-input`;
  const label = (p.props.label as string | undefined) ?? "Audio";
  const player = p.value?.url
    ? (
      <audio
        class="bk-audio"
        id={`${p.id}-audio`}
        controls
        src={p.value.url}
        autoplay={p.props.autoplay === true}
        aria-label={label}
      />
    )
    : null;
  if (!p.interactive) {
    return (
      <Block {...p} props={{ ...p.props, label: undefined }}>
        <p class="bk-label">{label}</p>
        {player ?? <p class="bk-empty">No audio yet.</p>}
      </Block>
    );
  }
  const upload = sources.includes("upload");
  return (
    <Block
      {...p}
      labelFor={upload ? inputId : `${p.id}-record`}
      error={p.error ?? up.error}
    >
      {player}
      {upload && (
        <DropZone
          inputId={inputId}
          accept="audio/*"
          hint={up.busy
            ? "Preparing…"
            : "Drop an audio file here or click to upload"}
          choose="Choose an audio file"
          name={label}
          onFiles={(f) => up.take(f)}
        />
      )}
      {sources.includes("microphone") && (
        <Recorder
          id={p.id}
          label={label}
          onClip={(b) => up.take([b])}
        />
      )}
      {p.value && (
        <button type="button" class="bk-link" onClick={up.clear}>Clear</button>
      )}
    </Block>
  );
}

/** Record / Stop with MediaRecorder; gives the clip (WebM/Ogg as the browser records). */
export function Recorder(
  p: { id: string; label: string; onClip: (clip: Blob) => void },
) {
  const [recording, setRecording] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rec = useRef<MediaRecorder | null>(null);
  useEffect(
    () => () => rec.current?.stream.getTracks().forEach((t) => t.stop()),
    [],
  );
  const start = async () => {
    setError(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const r = new MediaRecorder(stream);
      const chunks: Blob[] = [];
      r.ondataavailable = (e) => e.data.size && chunks.push(e.data);
      r.onstop = () => {
        stream.getTracks().forEach((t) => t.stop());
        const type = r.mimeType || "audio/webm";
        p.onClip(
          new File(
            [new Blob(chunks, { type })],
            `recording.${type.includes("ogg") ? "ogg" : "webm"}`,
            { type },
          ),
        );
      };
      r.start();
      rec.current = r;
      setRecording(true);
    } catch (err) {
      setError(`Microphone not available: ${(err as Error).message}`);
    }
  };
  const stop = () => {
    rec.current?.stop();
    rec.current = null;
    setRecording(false);
  };
  return (
    <div class="bk-recorder">
      <button
        type="button"
        id={`${p.id}-record`}
        class={`bk-button ${recording ? "bk-stop" : "bk-secondary"}`}
        aria-pressed={recording}
        onClick={recording ? stop : start}
      >
        {recording ? "Stop recording" : "Record from microphone"}
      </button>
      {recording && <span class="bk-rec-dot" role="status">Recording…</span>}
      {error && <p class="bk-error" role="alert">{error}</p>}
    </div>
  );
}

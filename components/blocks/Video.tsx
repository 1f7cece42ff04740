import type { WidgetProps, WireFile } from "./client_types.ts";
import { Block } from "./Block.tsx";
import { DropZone } from "./DropZone.tsx";
import { useFileInput } from "../../client/kit/use_file_input.ts";

/** Video: upload a clip as input; a player as output. */
export function VideoWidget(p: WidgetProps<WireFile | null>) {
  const up = useFileInput(p as WidgetProps<unknown>);
  const inputId = `${p.id}-input`;
  const label = (p.props.label as string | undefined) ?? "Video";
  const player = p.value?.url
    ? (
      <video
        class="bk-video"
        id={`${p.id}-video`}
        controls
        src={p.value.url}
        autoplay={p.props.autoplay === true}
        loop={p.props.loop === true}
        muted={p.props.autoplay === true}
        aria-label={label}
      />
    )
    : null;
  if (!p.interactive) {
    return (
      <Block {...p} props={{ ...p.props, label: undefined }}>
        <p class="bk-label">{label}</p>
        {player ?? <p class="bk-empty">No video yet.</p>}
      </Block>
    );
  }
  return (
    <Block {...p} labelFor={inputId} error={p.error ?? up.error}>
      {player}
      <DropZone
        inputId={inputId}
        accept="video/*"
        hint={up.busy ? "Preparing…" : "Drop a video here or click to upload"}
        choose="Choose a video"
        name={label}
        onFiles={(f) => up.take(f)}
        tools={p.value && (
          <button type="button" class="bk-link" onClick={up.clear}>
            Clear
          </button>
        )}
      />
    </Block>
  );
}

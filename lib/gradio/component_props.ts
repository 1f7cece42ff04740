/**
 * @module
 * A kit component as Gradio's Python component would describe it in
 * `/config`: Gradio's type name (`imageeditor` for the Sketchpad) and every
 * prop `Block.get_config()` sends — each constructor argument kept as an
 * attribute, with the value the constructor computes (`buttons`, `sources`,
 * `waveform_options`, `brush`…), dataclasses as dicts, `None`s dropped — so
 * Gradio's web component, which reads props without defaults, renders it.
 *
 * Defaults come from the component classes of the Gradio we report
 * (`gradio/components/*.py` at 6.25.0); the props 6 renamed or dropped from
 * 5.49.1 (`show_copy_button`, `show_download_button`, `show_share_button`,
 * `show_fullscreen_button`, `show_reset_button`) are sent too, with 5.49.1's
 * defaults, so Gradio 5's web component shows the same buttons. The kit's
 * own props (`lib/blocks/*.ts`) override the defaults, translated where the
 * kit speaks differently (`type: "file"` → `"filepath"`, `brush` as
 * Gradio's Brush, a Dataframe's `row_count` as `[n, "dynamic"]`).
 *
 * @example
 * ```ts
 * gradioComponent(sketchpad({ label: "Draw" }), true).type; // "imageeditor"
 * gradioComponent(image(), false).props.buttons;            // ["download", "share", "fullscreen"]
 * ```
 */
import type { ComponentSpec } from "../blocks/types.ts";

/** Gradio's `{type, props}` of a kit component. */
export interface GradioComponent {
  type: string;
  props: Record<string, unknown>;
}

type Props = Record<string, unknown>;

/** Kit type → Gradio block name (where they differ). */
const GRADIO_TYPES: Record<string, string> = { sketchpad: "imageeditor" };

/** Gradio's `Block`/`Component` constructor attributes every component has. */
const COMPONENT_DEFAULTS: Props = {
  show_label: true,
  container: true,
  min_width: 160,
  visible: true,
  elem_classes: [],
  preserved_by_key: ["value"],
  _selectable: false,
};

/** `gr.WebcamOptions()`, `gr.WatermarkOptions()` as dicts. */
const WEBCAM_OPTIONS = { mirror: true, constraints: null };
const WATERMARK_OPTIONS = { watermark: null, position: "bottom-right" };
/** `gr.WaveformOptions()` (6.25.0's fields, plus 5.49.1's `show_controls`). */
const WAVEFORM_OPTIONS = {
  waveform_color: null,
  waveform_progress_color: null,
  trim_region_color: null,
  show_recording_waveform: true,
  show_controls: false,
  skip_length: 5,
  sample_rate: 44100,
};
/** Markdown's and Dataframe's default `latex_delimiters`. */
const LATEX = [{ left: "$$", right: "$$", display: true }];

/** What the kit's functions get for a file (bytes or a FileValue), in Gradio's words. */
const FILEPATH = "filepath";

/** Buttons of `buttons` (6.x) from a 5.x `show_*_button` flag. */
const without = (list: string[], name: string, show: unknown) =>
  show === false ? list.filter((b) => b !== name) : list;

/**
 * Per kit type: Gradio's props from the kit's props `k` (common options
 * already in `k` under Gradio's names).
 */
const BUILDERS: Record<string, (k: Props) => Props> = {
  textbox: (k) => ({
    value: "",
    type: "text",
    lines: 1,
    max_lines: 20,
    autofocus: false,
    autoscroll: true,
    rtl: false,
    buttons: k.show_copy_button ? ["copy"] : [],
    show_copy_button: false,
    submit_btn: false,
    stop_btn: false,
    ...k,
  }),
  number: (k) => ({ value: null, step: 1, buttons: [], ...k }),
  markdown: (k) => ({
    value: "",
    rtl: false,
    latex_delimiters: LATEX,
    sanitize_html: true,
    line_breaks: false,
    header_links: false,
    show_copy_button: false,
    container: false,
    padding: false,
    min_width: undefined,
    ...k,
  }),
  slider: (k) => ({ show_reset_button: true, ...k }),
  radio: (k) => ({ type: "value", rtl: false, buttons: [], ...k }),
  dropdown: (k) => ({
    type: "value",
    multiselect: false,
    allow_custom_value: false,
    filterable: true,
    buttons: [],
    ...k,
  }),
  checkbox: (k) => ({ value: false, buttons: [], ...k }),
  file: (k) => ({
    file_count: "single",
    allow_reordering: false,
    buttons: [],
    ...k,
    type: FILEPATH,
  }),
  image: (k) => ({
    format: "webp",
    image_mode: "RGB",
    sources: ["upload", "webcam", "clipboard"],
    streaming: false,
    streamable: false,
    webcam_options: WEBCAM_OPTIONS,
    watermark: WATERMARK_OPTIONS,
    buttons: without(
      ["download", "share", "fullscreen"],
      "download",
      k.show_download_button,
    ),
    show_download_button: true,
    show_share_button: false,
    show_fullscreen_button: true,
    ...k,
    type: FILEPATH,
  }),
  audio: (k) => ({
    sources: ["upload", "microphone"],
    streaming: false,
    streamable: false,
    autoplay: false,
    editable: true,
    loop: false,
    recording: false,
    playback_position: 0,
    waveform_options: WAVEFORM_OPTIONS,
    buttons: ["download", "share"],
    show_share_button: false,
    ...k,
    type: FILEPATH,
  }),
  video: (k) => ({
    sources: ["upload", "webcam"],
    streaming: false,
    streamable: false,
    autoplay: false,
    loop: false,
    webcam_options: WEBCAM_OPTIONS,
    watermark: WATERMARK_OPTIONS,
    include_audio: true,
    playback_position: 0,
    buttons: ["download"],
    show_share_button: false,
    ...k,
  }),
  sketchpad: (k) => {
    const { brush, canvas_size, ...rest } = k as Props & {
      brush?: { color?: string; size?: number };
    };
    const color = brush?.color ?? "#000000";
    return {
      image_mode: "RGBA",
      sources: [],
      format: "png",
      transforms: ["crop"],
      eraser: { default_size: "auto" },
      brush: {
        default_size: brush?.size ?? "auto",
        colors: [color],
        default_color: color,
        color_mode: "fixed",
      },
      layers: {
        allow_additional_layers: true,
        layers: ["Layer 1"],
        disabled: false,
      },
      canvas_size: canvas_size ?? [800, 800],
      fixed_canvas: false,
      webcam_options: WEBCAM_OPTIONS,
      show_download_button: true,
      show_share_button: false,
      show_fullscreen_button: true,
      ...rest,
      type: FILEPATH,
    };
  },
  gallery: (k) => ({
    format: "webp",
    columns: 2,
    allow_preview: true,
    type: "filepath",
    fit_columns: true,
    sources: ["upload"],
    buttons: ["share", "download", "download_all", "fullscreen"],
    show_download_button: true,
    show_share_button: false,
    show_fullscreen_button: true,
    ...k,
  }),
  label: (k) => ({ show_heading: true, buttons: [], ...k }),
  dataframe: (k) => {
    const headers = (k.headers as string[] | undefined) ?? [];
    const cols = headers.length || 3;
    const rows = (k.row_count as number | undefined) ?? 1;
    const value = k.value as { headers?: string[]; data?: unknown[][] };
    const counts = {
      row_count: [rows, "dynamic"],
      col_count: [cols, headers.length ? "fixed" : "dynamic"],
    };
    return {
      datatype: "str",
      latex_delimiters: LATEX,
      max_height: 500,
      wrap: false,
      line_breaks: true,
      show_fullscreen_button: false,
      show_copy_button: false,
      show_row_numbers: false,
      show_search: "none",
      static_columns: [],
      ...k,
      ...counts,
      column_count: counts.col_count,
      headers: headers.length
        ? headers
        : Array.from({ length: cols }, (_, i) => String(i + 1)),
      value: {
        headers: value?.headers ?? headers,
        data: value?.data ?? [],
        metadata: null,
      },
      type: k.type === "array" ? "array" : "pandas",
    };
  },
  json: (k) => ({
    open: false,
    show_indices: false,
    max_height: 500,
    buttons: ["copy"],
    ...k,
  }),
  button: (k) => {
    const { clears: _, ...rest } = k;
    return {
      variant: "secondary",
      size: "lg",
      link_target: "_self",
      interactive: true,
      min_width: undefined,
      ...rest,
    };
  },
  dataset: (k) => ({
    show_label: true,
    type: "values",
    samples_per_page: 10,
    ...k,
  }),
};

/**
 * Gradio's type and props for a kit component, `interactive` as the app
 * decides (an input is editable, an output not, unless set).
 *
 * @example
 * ```ts
 * gradioComponent(label(), false).props.value; // {} (Gradio's empty Label, not null)
 * ```
 */
export function gradioComponent(
  spec: ComponentSpec,
  interactive: boolean,
  /** The app's other components (a Dataset describes the ones it fills). */
  componentOf: (id: number) => ComponentSpec | undefined = () => undefined,
): GradioComponent {
  const build = BUILDERS[spec.type];
  const k: Props = { ...spec.props, interactive };
  const props: Props = {
    ...COMPONENT_DEFAULTS,
    ...(build ? build(k) : k),
  };
  if (spec.type === "label") props.value = labelValue(props.value);
  if (spec.type === "dataset") {
    Object.assign(props, datasetProps(k, componentOf));
  }
  return {
    type: GRADIO_TYPES[spec.type] ?? spec.type,
    props: dropNone(props),
  };
}

/** Gradio's props of a layout block: Row, Column, Group. */
export function gradioContainerProps(type: string, kit: Props): Props {
  const common = { visible: true, elem_classes: [], preserved_by_key: [] };
  const byType: Record<string, Props> = {
    row: { variant: "default", equal_height: false, show_progress: false },
    column: {
      scale: 1,
      min_width: 320,
      variant: "default",
      show_progress: false,
    },
    group: {},
  };
  const { equalHeight, minWidth, ...rest } = kit;
  return dropNone({
    ...common,
    ...byType[type],
    ...rest,
    equal_height: equalHeight ?? byType[type]?.equal_height,
    min_width: minWidth ?? byType[type]?.min_width,
  });
}

/**
 * A Dataset's description of the components its samples fill, as Gradio's
 * `Dataset.get_config()`: their names, ids and constructor props.
 */
function datasetProps(
  k: Props,
  componentOf: (id: number) => ComponentSpec | undefined,
): Props {
  const ids = (k.components as number[] | undefined) ?? [];
  const targets = ids.map((id) => {
    const spec = componentOf(id);
    const g = spec
      ? gradioComponent(spec, true)
      : { type: "textbox", props: {} };
    const { value: _, ...props } = g.props;
    return { name: g.type, props };
  });
  return {
    components: targets.map((t) => ({ name: t.name, class_id: t.name })),
    component_ids: ids,
    component_props: targets.map((t) => t.props),
    headers: k.headers ??
      (targets.every((t) => t.props.label === undefined)
        ? []
        : targets.map((t) => t.props.label ?? "")),
  };
}

/** A Label value as Gradio sends it: `{}` when empty. */
export function labelValue(v: unknown): unknown {
  return v === null || v === undefined ? {} : v;
}

/** `utils.delete_none`: top-level `None`s are not sent. */
function dropNone(p: Props): Props {
  return Object.fromEntries(
    Object.entries(p).filter(([, v]) => v !== null && v !== undefined),
  );
}

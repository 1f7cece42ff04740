/**
 * @module
 * File and media components: File, Image, Audio, Video, Sketchpad and
 * Microphone (Gallery, an output of many images, is in `gallery.ts`). On the wire a file is a {@link FileRef} whose
 * `path` is an id issued by the app's file store (upload first with
 * `POST {app}/upload`); functions get {@link FileValue}s (bytes + metadata)
 * and may return bytes, Blobs or FileValues, which are stored and sent back
 * as FileRefs.
 */
import type { ComponentSpec, FileRef } from "./types.ts";
import {
  clean,
  type CommonOptions,
  commonProps,
  expect,
  FILE_REF_SCHEMA,
  fileFromWire,
  type FileResult,
  fileToWire,
  type FileValue,
} from "./component.ts";

/** Options of {@link file}. */
export interface FileOptions extends CommonOptions {
  /** One file (default) or several (wire value is a list). */
  fileCount?: "single" | "multiple";
  /** Accepted kinds: extensions (".pdf") or categories ("image", "audio", "video", "text"). */
  fileTypes?: string[];
  /** Widget height in px. */
  height?: number;
}

/**
 * Any file: an upload as input, a download link as output.
 *
 * @example
 * ```ts
 * const doc = file({ label: "Document", fileTypes: [".pdf", "text"] });
 * const out = file({ label: "Download Result" });
 * await out.postprocess({ bytes, name: "mask.png" }, ctx); // { path, url, size, origName: "mask.png", mimeType: "image/png" }
 * ```
 */
export function file(
  opts: FileOptions = {},
): ComponentSpec<FileRef | FileRef[] | null, unknown> {
  const multiple = opts.fileCount === "multiple";
  const types = opts.fileTypes;
  const check = (f: FileValue) => {
    if (!types?.length) return f;
    const ext = f.name.toLowerCase().match(/\.[^.]+$/)?.[0] ?? "";
    const ok = types.some((t) =>
      t.startsWith(".")
        ? t.toLowerCase() === ext
        : t === "text"
        ? /^text\/|json$/.test(f.mimeType) || /^\.(txt|csv|md|json)$/.test(ext)
        : f.mimeType.startsWith(t + "/")
    );
    expect(
      ok,
      `This file type is not accepted here (allowed: ${types.join(", ")}).`,
    );
    return f;
  };
  return {
    type: "file",
    interactive: true,
    props: clean({
      ...commonProps(opts),
      value: multiple ? [] : null,
      file_count: multiple ? "multiple" : "single",
      file_types: types,
      height: opts.height,
    }),
    async preprocess(wire, ctx) {
      if (multiple) {
        const list = wire === null || wire === undefined
          ? []
          : Array.isArray(wire)
          ? wire
          : [wire];
        const files = await Promise.all(list.map((w) => fileFromWire(w, ctx)));
        return files.filter((f): f is FileValue => f !== null).map(check);
      }
      expect(!Array.isArray(wire), "Expected a single file.");
      const f = await fileFromWire(wire, ctx);
      return f && check(f);
    },
    async postprocess(value, ctx) {
      if (multiple || Array.isArray(value)) {
        const list = value === null || value === undefined
          ? []
          : Array.isArray(value)
          ? value
          : [value];
        return (await Promise.all(
          list.map((v) => fileToWire(v as FileResult, ctx)),
        )).filter((r): r is FileRef => r !== null);
      }
      return await fileToWire(value as FileResult, ctx);
    },
    apiInfo: () =>
      multiple
        ? { type: "array", items: FILE_REF_SCHEMA }
        : { ...FILE_REF_SCHEMA, nullable: true },
    examplePayload: () => null,
  };
}

/** Sources an Image may come from. */
export type ImageSource = "upload" | "webcam" | "clipboard";

/** Options of {@link image}. */
export interface ImageOptions extends CommonOptions {
  /** Where the user may take the image from (click/drag-drop upload, camera, paste). Default all three. */
  sources?: ImageSource[];
  /** What the function gets: a {@link FileValue} (default) or the raw bytes. */
  type?: "file" | "bytes";
  /** Display height/width in px. */
  height?: number;
  width?: number;
  /** Output's download button. Default true. */
  showDownloadButton?: boolean;
}

/**
 * An image: uploaded (click, drag-drop, paste) or taken with the webcam as
 * input; shown with a preview as output.
 *
 * @example
 * ```ts
 * const inp = image({ label: "Upload an image" });
 * const out = image({ label: "Segmented Output", interactive: false });
 * ```
 */
export function image(
  opts: ImageOptions = {},
): ComponentSpec<FileRef | null, unknown> {
  return media(
    "image",
    opts,
    ["image/"],
    {
      sources: opts.sources ?? ["upload", "webcam", "clipboard"],
      type: opts.type ?? "file",
      height: opts.height,
      width: opts.width,
      show_download_button: opts.showDownloadButton,
    },
    opts.type === "bytes",
    "image.png",
  );
}

/** Options of {@link audio}. */
export interface AudioOptions extends CommonOptions {
  /** Upload a file and/or record with the microphone. Default both. */
  sources?: ("upload" | "microphone")[];
  /** What the function gets: a {@link FileValue} (default) or the raw bytes. */
  type?: "file" | "bytes";
  autoplay?: boolean;
}

/**
 * Sound: an uploaded or recorded clip as input, a player as output.
 *
 * @example
 * ```ts
 * const clip = audio({ label: "Clip", sources: ["upload"] });
 * ```
 */
export function audio(
  opts: AudioOptions = {},
): ComponentSpec<FileRef | null, unknown> {
  return media(
    "audio",
    opts,
    ["audio/", "video/webm", "video/mp4"],
    {
      sources: opts.sources ?? ["upload", "microphone"],
      type: opts.type ?? "file",
      autoplay: opts.autoplay,
    },
    opts.type === "bytes",
    "audio.wav",
  );
}

/**
 * Gradio's `Microphone`: an {@link audio} recorded in the browser
 * (`data-component="microphone"`, Gradio type `audio` with sources `["microphone"]`).
 *
 * @example
 * ```ts
 * const mic = microphone({ label: "Say something" });
 * mic.type; // "audio"
 * ```
 */
export function microphone(
  opts: Omit<AudioOptions, "sources"> = {},
): ComponentSpec<FileRef | null, unknown> {
  return { ...audio({ ...opts, sources: ["microphone"] }), kind: "microphone" };
}

/** Options of {@link video}. */
export interface VideoOptions extends CommonOptions {
  /** Upload only (webcam recording is not offered). */
  sources?: "upload"[];
  autoplay?: boolean;
  loop?: boolean;
  height?: number;
}

/**
 * A video: an uploaded clip as input, a player as output.
 *
 * @example
 * ```ts
 * const clip = video({ label: "Clip" });
 * ```
 */
export function video(
  opts: VideoOptions = {},
): ComponentSpec<FileRef | null, unknown> {
  return media(
    "video",
    opts,
    ["video/"],
    {
      sources: opts.sources ?? ["upload"],
      autoplay: opts.autoplay,
      loop: opts.loop,
      height: opts.height,
    },
    false,
    "video.mp4",
  );
}

/** Options of {@link sketchpad}. */
export interface SketchpadOptions extends CommonOptions {
  /** Canvas size in px. Default [512, 512]. */
  canvasSize?: [number, number];
  /** Brush colour (CSS) and width in px. */
  brushColor?: string;
  brushSize?: number;
  /** What the function gets: a {@link FileValue} (default) or the PNG bytes. */
  type?: "file" | "bytes";
}

/**
 * A canvas to draw on; the value is the drawing as a PNG (a FileRef).
 * Gradio models it as an ImageEditor template.
 *
 * @example
 * ```ts
 * const pad = sketchpad({ label: "Draw a digit", canvasSize: [280, 280] });
 * ```
 */
export function sketchpad(
  opts: SketchpadOptions = {},
): ComponentSpec<FileRef | null, unknown> {
  return media(
    "sketchpad",
    opts,
    ["image/png"],
    {
      canvas_size: opts.canvasSize ?? [512, 512],
      brush: { color: opts.brushColor ?? "#111111", size: opts.brushSize ?? 8 },
      type: opts.type ?? "file",
    },
    opts.type === "bytes",
    "sketch.png",
  );
}

function media(
  type: string,
  opts: CommonOptions,
  accept: string[],
  extra: Record<string, unknown>,
  asBytes: boolean,
  defaultName: string,
): ComponentSpec<FileRef | null, unknown> {
  return {
    type,
    interactive: true,
    props: clean({ ...commonProps(opts), value: null, ...extra }),
    async preprocess(wire, ctx) {
      expect(!Array.isArray(wire), `Expected one ${type} file.`);
      const f = await fileFromWire(wire, ctx, type);
      if (!f) return null;
      expect(
        accept.some((a) => f.mimeType.startsWith(a)),
        `The ${type} must be ${describe(type)}; this file is not.`,
      );
      return asBytes ? f.bytes : f;
    },
    postprocess: (value, ctx) =>
      fileToWire(value as FileResult, ctx, defaultName),
    apiInfo: () => ({ ...FILE_REF_SCHEMA, nullable: true }),
    examplePayload: () => null,
  };
}

function describe(type: string): string {
  return type === "image"
    ? "a PNG, JPEG, GIF, WebP, HEIC or AVIF image"
    : type === "sketchpad"
    ? "a PNG drawing"
    : type === "audio"
    ? "a WAV, MP3, OGG or WebM recording"
    : "an MP4 or WebM video";
}

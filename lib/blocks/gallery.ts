/**
 * @module
 * Gallery: a grid of images with captions (output). Each image travels as a
 * {@link FileRef} issued by the app's file store, like the media components.
 */
import type { ComponentSpec, FileRef, RunContext } from "./types.ts";
import {
  clean,
  type CommonOptions,
  commonProps,
  FILE_REF_SCHEMA,
  fileFromWire,
  type FileResult,
  fileToWire,
} from "./component.ts";

/** Options of {@link gallery}. */
export interface GalleryOptions extends CommonOptions {
  /** Images per row. Default 3. */
  columns?: number;
  height?: number;
  objectFit?: "contain" | "cover" | "fill";
}

/** One gallery item on the wire. */
export interface GalleryItem {
  image: FileRef;
  caption: string | null;
}

/** What a function may return per gallery item. */
export type GalleryResult = FileResult | [FileResult, string] | {
  image: FileResult;
  caption?: string | null;
};

/**
 * A grid of images with captions (output).
 *
 * @example
 * ```ts
 * const g = gallery({ label: "Results", columns: 2 });
 * await g.postprocess([[png, "first"], png2], ctx); // [{image: FileRef, caption: "first"}, {image, caption: null}]
 * ```
 */
export function gallery(
  opts: GalleryOptions = {},
): ComponentSpec<GalleryItem[], unknown> {
  return {
    type: "gallery",
    interactive: false,
    props: clean({
      ...commonProps(opts),
      value: [],
      columns: opts.columns ?? 3,
      height: opts.height,
      object_fit: opts.objectFit,
    }),
    async preprocess(wire, ctx) {
      const list = Array.isArray(wire) ? wire : [];
      return await Promise.all(list.map(async (item) => {
        const f = await fileFromWire(
          (item as GalleryItem)?.image,
          ctx,
          "image",
        );
        return [f, (item as GalleryItem)?.caption ?? null];
      }));
    },
    async postprocess(value, ctx: RunContext) {
      const list = value === null || value === undefined
        ? []
        : value as GalleryResult[];
      if (!Array.isArray(list)) {
        throw new Error("gallery output: expected a list");
      }
      const out: GalleryItem[] = [];
      for (const item of list) {
        let img: FileResult;
        let caption: string | null = null;
        if (Array.isArray(item)) [img, caption] = item;
        else if (
          item && typeof item === "object" && "image" in item &&
          !("bytes" in item)
        ) {
          img = item.image;
          caption = item.caption ?? null;
        } else img = item as FileResult;
        const ref = await fileToWire(img, ctx, "image.png");
        if (ref) out.push({ image: ref, caption });
      }
      return out;
    },
    apiInfo: () => ({
      type: "array",
      items: {
        type: "object",
        properties: {
          image: FILE_REF_SCHEMA,
          caption: { type: ["string", "null"] },
        },
      },
    }),
    examplePayload: () => [],
  };
}

/**
 * @module
 * The seed's pet segmentation app as a Blocks declaration: one image in,
 * `[mask image, "Processing time: X.XX seconds", mask file]` out, bound as
 * `process_image` (Gradio endpoint `/process_image`). Inference goes through
 * the shared segmenter, in the same queue lane as `/api/segment`.
 */
import {
  blocks,
  type BlocksApp,
  button,
  file,
  type FileValue,
  image,
  markdown,
  textbox,
} from "../lib/blocks/mod.ts";
import type { Services } from "../lib/services.ts";
import { MODEL_LANE } from "../lib/jobs/scheduler.ts";

/** What the pet app needs from the server: the model and the photo limits. */
export type PetAppDeps = Pick<Services, "segmenter" | "settings">;

/** The three outputs of {@link processImageWith}'s function. */
export type ProcessImageResult = [
  { bytes: Uint8Array; name: string } | null,
  string,
  { bytes: Uint8Array; name: string } | null,
];

/**
 * `process_image(uploaded_image)` bound to the services (as in the seed: no
 * image → `[null, "No image uploaded", null]`).
 *
 * @example
 * ```ts
 * const process_image = processImageWith(services);
 * const [mask, info, download] = await process_image(photo); // info: "Processing time: 0.12 seconds"
 * ```
 */
export function processImageWith(deps: PetAppDeps) {
  return async function process_image(
    uploaded_image: FileValue | null,
    ctx?: { signal?: AbortSignal },
  ): Promise<ProcessImageResult> {
    if (!uploaded_image) return [null, "No image uploaded", null];
    const result = await deps.segmenter.segment(uploaded_image.bytes, {
      maxPixels: deps.settings.maxPixels,
      maxDecodeBytes: deps.settings.maxDecodeBytes,
    }, ctx?.signal);
    const mask = { bytes: result.maskPng, name: "pet-mask.png" };
    return [
      mask,
      `Processing time: ${(result.timing.totalMs / 1000).toFixed(2)} seconds`,
      mask,
    ];
  };
}

/**
 * The app: `gr.Markdown` title, then a row of two columns — the photo and
 * the button, and the three outputs.
 *
 * @example
 * ```ts
 * const pet = petSegmentation(services);
 * pet.endpoint("process_image")?.outputs.length; // 3
 * ```
 */
export function petSegmentation(deps: PetAppDeps): BlocksApp {
  return blocks({
    title: "Pet Image Segmentation",
    maxFileBytes: deps.settings.maxBodyBytes,
    maxQueue: deps.settings.maxQueue,
  }, (b) => {
    b.add(markdown({
      value: "# Pet Image Segmentation\n" +
        "Upload a photo of a cat or dog, press **Process Image**, and get a mask: black pet, gray background, white border.",
      elemClasses: ["pet-header"],
    }));
    b.row(() => {
      const [inp, btn] = b.column(() => [
        b.add(image({ label: "Upload an image", elemId: "image-upload" })),
        b.add(
          button({
            value: "Process Image",
            variant: "primary",
            elemId: "process",
          }),
        ),
      ]);
      const outputs = b.column(() => [
        b.add(
          image({
            label: "Segmented Output",
            interactive: false,
            elemId: "mask-output",
          }),
        ),
        b.add(
          textbox({
            label: "Info",
            interactive: false,
            elemId: "info",
            placeholder: "Processing time appears here",
          }),
        ),
        b.add(
          file({
            label: "Download Result",
            interactive: false,
            elemId: "download",
          }),
        ),
      ]);
      // One queue with /api/segment: the model's lane, one photo at a time.
      btn.click(processImageWith(deps), inp, outputs, {
        concurrencyId: MODEL_LANE,
        concurrencyLimit: 1,
        timeLimitMs: deps.settings.inferenceTimeoutMs,
      });
    });
  });
}

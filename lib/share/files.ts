/**
 * @module
 * The images a share link serves under `/s/{id}/{name}`: one table, read by
 * the route that serves them and by the OpenAPI description.
 */
/** One servable image of a share record. */
export interface ShareFile {
  /** Content type of the stored bytes. */
  type: "image/png" | "image/jpeg";
  /** Which field of the share record holds them. */
  pick: "mask" | "photo" | "overlay";
  /** File name offered when saving. */
  filename: string;
}

/**
 * Servable images by URL name.
 *
 * @example
 * ```ts
 * SHARE_FILES["mask.png"]; // { type: "image/png", pick: "mask", filename: "pet-mask.png" }
 * ```
 */
export const SHARE_FILES: Readonly<Record<string, ShareFile>> = {
  "mask.png": { type: "image/png", pick: "mask", filename: "pet-mask.png" },
  "photo.jpg": { type: "image/jpeg", pick: "photo", filename: "photo.jpg" },
  "overlay.jpg": {
    type: "image/jpeg",
    pick: "overlay",
    filename: "pet-overlay.jpg",
  },
};

/**
 * @module
 * Draws the class mask over the photo in the browser (for the overlay toggle).
 */

/** Overlay colours per gray value: pet tinted, border outlined, background clear. */
const COLORS: Record<number, [number, number, number, number]> = {
  0: [255, 99, 71, 140],
  255: [255, 215, 0, 200],
};

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("Image failed to load"));
    img.src = src;
  });
}

/**
 * Renders the photo with the mask's classes tinted on top and returns a blob URL.
 *
 * @example
 * ```ts
 * overlayUrl.value = await renderOverlay(photoUrl, maskDataUrl);
 * ```
 */
export async function renderOverlay(
  photoSrc: string,
  maskSrc: string,
): Promise<string> {
  const [photo, mask] = await Promise.all([
    loadImage(photoSrc),
    loadImage(maskSrc),
  ]);
  // Work at a display-friendly size; the downloadable mask keeps full resolution.
  const scale = Math.min(
    1,
    1024 / Math.max(mask.naturalWidth, mask.naturalHeight),
  );
  const w = Math.max(1, Math.round(mask.naturalWidth * scale));
  const h = Math.max(1, Math.round(mask.naturalHeight * scale));
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d")!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(mask, 0, 0, w, h);
  const m = ctx.getImageData(0, 0, w, h);
  const tint = ctx.createImageData(w, h);
  for (let i = 0; i < m.data.length; i += 4) {
    const c = COLORS[m.data[i]];
    if (c) tint.data.set(c, i);
  }
  ctx.drawImage(photo, 0, 0, w, h);
  const layer = document.createElement("canvas");
  layer.width = w;
  layer.height = h;
  layer.getContext("2d")!.putImageData(tint, 0, 0);
  ctx.drawImage(layer, 0, 0);
  const blob = await new Promise<Blob | null>((r) =>
    canvas.toBlob(r, "image/png")
  );
  if (!blob) throw new Error("Could not draw the overlay");
  return URL.createObjectURL(blob);
}

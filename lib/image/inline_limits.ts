/**
 * @module
 * Budgets of image work that runs on the server's event loop, where the
 * platform offers no Web Workers: every step must stay well under a second.
 * Kept apart from the decoders so the main thread can read them without
 * loading any codec.
 */

/** Pixels of a photo decoded on the event loop. */
export const INLINE_MAX_PIXELS = 8_000_000;

/**
 * Memory one decode may need on the event loop: decodes that cannot pause
 * midway (progressive JPEG, WebP, GIF, a HEIC or AVIF picture) take about
 * as long as what they hold.
 */
export const INLINE_MAX_DECODE_BYTES = 24 * 1024 * 1024;

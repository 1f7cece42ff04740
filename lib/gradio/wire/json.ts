/**
 * @module
 * The one JSON shape test every wire reader starts with.
 */
/** Whether `v` is a plain JSON object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

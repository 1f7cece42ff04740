/**
 * @module
 * One polite live region per page for the kit's status messages ("Processing…",
 * a result's text). Screen readers announce a live region's changes only if
 * the region existed before, so islands call {@link ensureAnnouncer} when they
 * hydrate and {@link announce} when something changes. Client-only; on the
 * server both do nothing.
 */

/** The id of the page's live region. */
export const ANNOUNCER_ID = "bk-announcer";

let last = { text: "", at: 0 };

/**
 * Creates the page's live region (inside `<main>` when there is one) if it
 * is not there yet, and returns it.
 *
 * @example
 * ```ts
 * useEffect(() => void ensureAnnouncer(), []);
 * ```
 */
export function ensureAnnouncer(): HTMLElement | null {
  if (typeof document === "undefined") return null;
  let region = document.getElementById(ANNOUNCER_ID);
  if (!region) {
    region = document.createElement("div");
    region.id = ANNOUNCER_ID;
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    (document.querySelector("main") ?? document.body).append(region);
  }
  return region;
}

/**
 * Says `text` through the live region. The same text twice within 300 ms is
 * said once (several blocks go busy together); an empty text is ignored.
 *
 * @example
 * ```ts
 * announce("Processing…");
 * ```
 */
export function announce(text: string): void {
  const region = ensureAnnouncer();
  if (!region || !text) return;
  const now = Date.now();
  if (text === last.text && now - last.at < 300) return;
  last = { text, at: now };
  // Cleared first, so that a repeated message is a change again.
  region.textContent = "";
  setTimeout(() => {
    if (last.text === text) region.textContent = text;
  }, 50);
}

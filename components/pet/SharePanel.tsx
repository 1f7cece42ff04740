import { useState } from "preact/hooks";

/** Where the share action stands. */
export type ShareState =
  | { status: "idle" | "creating" | "deleted" }
  | { status: "ready"; url: string; deleteUrl?: string; expiresAt?: string }
  | { status: "error"; message: string };

interface Props {
  state: ShareState;
  onCreate: () => void;
  onDelete: () => void;
}

/** Opt-in share link: create on demand, copy, delete. */
export function SharePanel({ state, onCreate, onDelete }: Props) {
  const [copied, setCopied] = useState(false);
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      (document.getElementById("share-url") as HTMLInputElement | null)
        ?.select();
    }
  };
  return (
    <div class="field share" data-testid="share" aria-live="polite">
      <span class="label">Share</span>
      {state.status === "ready"
        ? (
          <>
            <div class="share-row">
              <input
                id="share-url"
                type="text"
                readOnly
                value={state.url}
                aria-label="Share link"
                onFocus={(e) => e.currentTarget.select()}
              />
              <button type="button" class="btn" onClick={() => copy(state.url)}>
                {copied ? "Copied!" : "Copy link"}
              </button>
            </div>
            <p class="muted small">
              Anyone with the link can see the photo and mask
              {state.expiresAt
                ? ` until ${new Date(state.expiresAt).toLocaleString()}`
                : ""}.{" "}
              {state.deleteUrl && (
                <button type="button" class="link small" onClick={onDelete}>
                  Delete link
                </button>
              )}
            </p>
          </>
        )
        : (
          <>
            <button
              type="button"
              class="btn"
              id="share"
              onClick={onCreate}
              disabled={state.status === "creating"}
            >
              {state.status === "creating"
                ? "Creating link…"
                : "Create share link"}
            </button>
            {state.status === "error" && (
              <p class="error" role="alert">{state.message}</p>
            )}
            {state.status === "deleted" && (
              <p class="muted small">The link was deleted.</p>
            )}
          </>
        )}
    </div>
  );
}

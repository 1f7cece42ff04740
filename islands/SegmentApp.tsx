import { useSignal, useSignalEffect } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import {
  ClientApiError,
  dataUrlToBlob,
  deleteShare,
  segmentPhoto,
} from "../components/segment/client_api.ts";
import {
  type PreparedUpload,
  prepareUpload,
  upscaleMask,
} from "../components/segment/prepare.ts";
import { renderOverlay } from "../components/segment/overlay.ts";
import {
  canRunLocally,
  segmentLocally,
} from "../components/segment/local_inference.ts";
import { ImageDrop } from "../components/segment/ImageDrop.tsx";
import {
  SharePanel,
  type ShareState,
} from "../components/segment/SharePanel.tsx";

/** A clickable example photo. */
export interface Example {
  src: string;
  label: string;
}

interface Props {
  examples: Example[];
  maxBytes: number;
  /** Inside /embed: report the page height to the parent window. */
  embed?: boolean;
}

interface Result {
  maskUrl: string;
  info: string;
  width: number;
  height: number;
}

/** The pet segmentation app: upload, Process Image, mask + info + download, overlay, share. */
export default function SegmentApp({ examples, maxBytes, embed }: Props) {
  const file = useSignal<File | null>(null);
  const previewUrl = useSignal<string | null>(null);
  const busy = useSignal(false);
  const error = useSignal<string | null>(null);
  const result = useSignal<Result | null>(null);
  const overlay = useSignal(false);
  const overlayUrl = useSignal<string | null>(null);
  const share = useSignal<ShareState>({ status: "idle" });
  const onDevice = useSignal(false);
  const notice = useSignal<string | null>(null);
  const localOk = useSignal(false);
  const prepared = useRef<PreparedUpload | null>(null);
  const abort = useRef<AbortController | null>(null);

  const choose = (f: File | null) => {
    abort.current?.abort();
    if (previewUrl.value) URL.revokeObjectURL(previewUrl.value);
    file.value = f;
    previewUrl.value = f ? URL.createObjectURL(f) : null;
    prepared.current = null;
    error.value = null;
    result.value = null;
    overlayUrl.value = null;
    share.value = { status: "idle" };
  };

  const pickExample = async (ex: Example) => {
    try {
      const res = await fetch(ex.src);
      if (!res.ok) throw new Error();
      const blob = await res.blob();
      choose(
        new File([blob], ex.src.split("/").pop() ?? "example.jpg", {
          type: blob.type || "image/jpeg",
        }),
      );
    } catch {
      error.value = "Could not load that example. Please try another one.";
    }
  };

  const upload = async (): Promise<PreparedUpload> => {
    prepared.current ??= await prepareUpload(
      file.value!,
      maxBytes,
      file.value!.name,
    );
    return prepared.current;
  };

  const processImage = async () => {
    if (!file.value) {
      error.value =
        "Choose a photo first: click the upload area, drop a file on it, or paste an image.";
      return;
    }
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    busy.value = true;
    error.value = null;
    notice.value = null;
    share.value = { status: "idle" };
    try {
      if (onDevice.value) {
        try {
          const local = await segmentLocally(file.value);
          if (ac.signal.aborted) return;
          showResult(
            URL.createObjectURL(local.mask),
            local.timing.totalMs,
            local.width,
            local.height,
            " (on this device)",
          );
          return;
        } catch (err) {
          notice.value = `Could not run on this device (${
            (err as Error).message || "unknown error"
          }); the server processed it instead.`;
        }
      }
      const up = await upload();
      const res = await segmentPhoto(up.blob, {
        signal: ac.signal,
        name: up.name,
      });
      let maskBlob = dataUrlToBlob(res.mask);
      if (up.resized && up.width > 0) {
        maskBlob = await upscaleMask(res.mask, up.width, up.height);
      }
      showResult(
        URL.createObjectURL(maskBlob),
        res.timing.totalMs,
        up.resized ? up.width : res.width,
        up.resized ? up.height : res.height,
        "",
      );
    } catch (err) {
      if ((err as Error).name === "AbortError") return;
      error.value = err instanceof ClientApiError
        ? err.message
        : "Something went wrong. Please try again.";
    } finally {
      if (abort.current === ac) busy.value = false;
    }
  };

  const showResult = (
    maskUrl: string,
    totalMs: number,
    width: number,
    height: number,
    where: string,
  ) => {
    if (result.value) URL.revokeObjectURL(result.value.maskUrl);
    result.value = {
      maskUrl,
      info: `Processing time: ${(totalMs / 1000).toFixed(2)} seconds${where}`,
      width,
      height,
    };
    overlayUrl.value = null;
  };

  const createShare = async () => {
    if (!file.value) return;
    share.value = { status: "creating" };
    try {
      const up = await upload();
      const res = await segmentPhoto(up.blob, { share: true, name: up.name });
      if (res.shareUrl) {
        share.value = {
          status: "ready",
          url: res.shareUrl,
          deleteUrl: res.shareDeleteUrl,
          expiresAt: res.shareExpiresAt,
        };
      } else {share.value = {
          status: "error",
          message: res.shareError?.message ??
            "Sharing is unavailable right now.",
        };}
    } catch (err) {
      share.value = {
        status: "error",
        message: err instanceof ClientApiError
          ? err.message
          : "Could not create the link.",
      };
    }
  };

  const removeShare = async () => {
    const s = share.value;
    if (s.status !== "ready" || !s.deleteUrl) return;
    try {
      await deleteShare(s.deleteUrl);
      share.value = { status: "deleted" };
    } catch (err) {
      share.value = { status: "error", message: (err as Error).message };
    }
  };

  // Build the overlay lazily, the first time it is asked for.
  useSignalEffect(() => {
    const r = result.value;
    if (!overlay.value || !r || overlayUrl.value || !previewUrl.value) return;
    renderOverlay(previewUrl.value, r.maskUrl).then((
      u,
    ) => (overlayUrl.value = u)).catch(() => {
      error.value = "Could not draw the overlay in this browser.";
    });
  });

  useEffect(() => {
    localOk.value = canRunLocally();
  }, []);

  // Paste an image anywhere on the page.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const f = Array.from(e.clipboardData?.files ?? []).find((x) =>
        x.type.startsWith("image/")
      );
      if (f) {
        e.preventDefault();
        choose(f);
      }
    };
    addEventListener("paste", onPaste);
    return () => removeEventListener("paste", onPaste);
  }, []);

  // In an iframe, tell the host page how tall we are.
  useEffect(() => {
    if (!embed || parent === window) return;
    const send = () =>
      parent.postMessage({
        type: "pet-segmentation:height",
        height: document.documentElement.scrollHeight,
      }, "*");
    const ro = new ResizeObserver(send);
    ro.observe(document.body);
    send();
    return () => ro.disconnect();
  }, []);

  const r = result.value;
  return (
    <div class="app" data-busy={busy.value ? "true" : "false"}>
      <div class="row">
        <section class="col" aria-label="Input">
          <ImageDrop
            label="Upload an image"
            previewUrl={previewUrl.value}
            fileName={file.value?.name}
            onFile={choose}
            disabled={busy.value}
          />
          <button
            type="button"
            class="btn primary"
            id="process"
            onClick={processImage}
            disabled={busy.value}
            aria-busy={busy.value}
          >
            {busy.value
              ? (
                <>
                  <span class="spinner" aria-hidden="true" /> Processing…
                </>
              )
              : "Process Image"}
          </button>
          <label
            class="toggle"
            title="Downloads the model (about 1 MB) and a 14 MB runtime once; your photo never leaves your device."
          >
            <input
              type="checkbox"
              id="on-device"
              checked={onDevice.value}
              disabled={busy.value || !localOk.value}
              onChange={(e) => (onDevice.value = e.currentTarget.checked)}
            />
            Run on this device
          </label>
          {error.value && <p class="error" role="alert">{error.value}</p>}
          {notice.value && (
            <p class="muted small" role="status">{notice.value}</p>
          )}
          {examples.length > 0 && (
            <div class="examples">
              <h2 class="label">Examples</h2>
              <div class="example-grid">
                {examples.map((ex) => (
                  <button
                    type="button"
                    class="example"
                    key={ex.src}
                    onClick={() => pickExample(ex)}
                    disabled={busy.value}
                    title={ex.label}
                  >
                    <img
                      src={ex.src}
                      alt={`Example: ${ex.label}`}
                      loading="lazy"
                      width={96}
                      height={72}
                    />
                  </button>
                ))}
              </div>
            </div>
          )}
        </section>
        <section class="col" aria-label="Output" aria-live="polite">
          <figure class="panel output-image" data-testid="mask-panel">
            <figcaption class="label">Segmented Output</figcaption>
            {r
              ? (
                <img
                  id="mask"
                  src={overlay.value && overlayUrl.value
                    ? overlayUrl.value
                    : r.maskUrl}
                  alt={overlay.value
                    ? "Mask over the photo"
                    : "Segmentation mask: black pet, gray background, white border"}
                />
              )
              : (
                <div class="placeholder">
                  {busy.value ? "Segmenting…" : "The mask appears here."}
                </div>
              )}
          </figure>
          <label class="toggle">
            <input
              type="checkbox"
              id="overlay"
              checked={overlay.value}
              disabled={!r}
              onChange={(e) => (overlay.value = e.currentTarget.checked)}
            />
            Show mask over photo
          </label>
          <label class="field">
            <span class="label">Info</span>
            <input
              id="info"
              type="text"
              readOnly
              value={r?.info ?? ""}
              placeholder="Processing time appears here"
            />
          </label>
          <div class="field">
            <span class="label">Download Result</span>
            {r
              ? (
                <a
                  id="download"
                  class="btn"
                  href={r.maskUrl}
                  download="pet-mask.png"
                >
                  Download mask PNG ({r.width}×{r.height})
                </a>
              )
              : <span class="muted">No result yet.</span>}
          </div>
          {r && (
            <SharePanel
              state={share.value}
              onCreate={createShare}
              onDelete={removeShare}
            />
          )}
        </section>
      </div>
    </div>
  );
}

import { type Signal, useSignal, useSignalEffect } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { callApi, setClientFn } from "../client/kit/runner.ts";
import {
  keepFile,
  keptFile,
  setFileAdapter,
} from "../client/kit/local_files.ts";
import type { Status, WireFile } from "../components/blocks/client_types.ts";
import {
  createShareLink,
  removeShareLink,
} from "../client/pet/share_actions.ts";
import {
  type PreparedUpload,
  prepareUpload,
  shrinkForShare,
  upscaleMask,
} from "../client/pet/prepare.ts";
import { renderOverlay } from "../client/pet/overlay.ts";
import { isHeif } from "../client/kit/image_preview.ts";
import {
  canRunLocally,
  segmentLocally,
} from "../client/pet/local_inference.ts";
import { SharePanel, type ShareState } from "../components/pet/SharePanel.tsx";

import type { Example } from "../components/examples.ts";

interface Props {
  /** The app's path (`""` at the site root). */
  root: string;
  /** Where `process_image` is posted. */
  api: string;
  /** The kit's signals: the photo, the three outputs, the call's status. */
  input: Signal<unknown>;
  mask: Signal<unknown>;
  info: Signal<unknown>;
  download: Signal<unknown>;
  status: Signal<Status>;
  examples: Example[];
  maxBytes: number;
  /** Inside /embed: report the page height to the parent window. */
  embed?: boolean;
}

/** The photo the user chose, and the copy the server gets. */
interface Original {
  file: File;
  prepared: PreparedUpload;
}

/**
 * The pet page's extras around the kit's Image → Process Image → outputs:
 * client-side downscaling of large photos (mask scaled back up), Run on this
 * device, examples, the overlay toggle, share links and embed sizing. The
 * photo stays in the browser until Process Image sends it with the call.
 */
export default function PetExtras(p: Props) {
  const overlay = useSignal(false);
  const share = useSignal<ShareState>({ status: "idle" });
  const onDevice = useSignal(false);
  const localOk = useSignal(false);
  const notice = useSignal<string | null>(null);
  /** Prepared copy (what is kept and sent) → the user's original. */
  const originals = useRef(new WeakMap<File, Original>());
  const realMask = useRef<WireFile | null>(null);
  const input = p.input as Signal<WireFile | null>;
  const mask = p.mask as Signal<WireFile | null>;
  const busy = p.status.value.pending;

  const original = (ref: WireFile | null) => {
    const kept = keptFile(ref);
    return kept ? originals.current.get(kept) : undefined;
  };
  /** The full-size photo behind a reference (an example the server holds is fetched). */
  const photoOf = async (ref: WireFile): Promise<Blob> =>
    original(ref)?.file ?? keptFile(ref) ??
      await (await fetch(ref.url!)).blob();
  /**
   * The mask at the photo's own size where the model saw a downsized copy
   * (`seen`: the mask's size, when known; it is then left alone if it fits).
   */
  const atPhotoSize = async (
    mask: WireFile,
    ref: WireFile,
    seen?: { width: number; height: number },
  ): Promise<WireFile> => {
    const prepared = original(ref)?.prepared;
    if (!mask.url || !prepared?.resized || !prepared.width) return mask;
    if (seen?.width === prepared.width && seen.height === prepared.height) {
      return mask;
    }
    const blob = await upscaleMask(mask.url, prepared.width, prepared.height);
    return {
      ...mask,
      path: "local",
      url: URL.createObjectURL(blob),
      size: blob.size,
    };
  };
  const resetExtras = () => {
    overlay.value = false;
    realMask.current = null;
    share.value = { status: "idle" };
    notice.value = null;
  };

  useEffect(() => {
    localOk.value = canRunLocally();
    // Large or unusual photos are redrawn in the browser before they are sent.
    setFileAdapter(async (file) => {
      const prepared = await prepareUpload(file, p.maxBytes, file.name, {
        // With "Run on this device" on, a HEIC this browser cannot read is
        // read in the page instead of being sent for a preview.
        serverPreview: !onDevice.peek(),
      });
      const sent = prepared.resized
        ? new File([prepared.blob], prepared.name, { type: "image/jpeg" })
        : file;
      // The overlay, sharing and on-device runs draw the photo in this
      // browser: for a HEIC that is the server's JPEG, not the original.
      const readable = prepared.width > 0 && !(await isHeif(file));
      originals.current.set(sent, { file: readable ? file : sent, prepared });
      return sent;
    });
    setClientFn(p.api, async ([photo]) => {
      const ref = photo as WireFile | null;
      resetExtras();
      if (!ref) {
        throw new Error(
          "Choose a photo first: use “Choose an image”, drop a photo on the upload area, or paste one.",
        );
      }
      if (onDevice.value) {
        try {
          const local = await segmentLocally(await photoOf(ref));
          const made: WireFile = {
            path: "local",
            url: URL.createObjectURL(local.mask),
            origName: "pet-mask.png",
            mimeType: "image/png",
            size: local.mask.size,
          };
          // A HEIC read in this page ran on its copy.
          const out = await atPhotoSize(made, ref, local);
          if (out !== made) URL.revokeObjectURL(made.url!);
          return [
            out,
            `Processing time: ${
              (local.timing.totalMs / 1000).toFixed(2)
            } seconds (on this device)`,
            out,
          ];
        } catch (err) {
          notice.value = `Could not run on this device (${
            (err as Error).message || "unknown error"
          }); the server processed it instead.`;
        }
      }
      const out = await callApi(p.api, [ref]);
      const m = out[0] as WireFile | null;
      if (m) out[0] = out[2] = await atPhotoSize(m, ref);
      return out;
    });
    return () => {
      setFileAdapter(null);
      setClientFn(p.api, null);
    };
  }, []);

  // A new photo clears the previous result.
  const lastInput = useRef<unknown>(input.peek());
  useSignalEffect(() => {
    const v = input.value;
    if (v === lastInput.current) return;
    lastInput.current = v;
    resetExtras();
    mask.value = null;
    p.info.value = "";
    p.download.value = null;
  });

  // The overlay swaps the shown image for the mask drawn over the photo.
  useSignalEffect(() => {
    const on = overlay.value;
    const ref = input.peek();
    if (!on) {
      if (realMask.current) mask.value = realMask.current;
      realMask.current = null;
      return;
    }
    const m = mask.peek();
    if (!m?.url || !ref) return;
    realMask.current = m;
    photoOf(ref).then((blob) =>
      renderOverlay(URL.createObjectURL(blob), m.url!)
    ).then((url) => {
      if (overlay.peek() && realMask.current === m) {
        mask.value = { ...m, url, origName: "mask over the photo" };
      }
    }).catch(() => {
      notice.value = "Could not draw the overlay in this browser.";
    });
  });

  // In an iframe, tell the host page how tall we are.
  useEffect(() => {
    if (!p.embed || parent === window) return;
    const send = () =>
      parent.postMessage({
        type: "pet-segmentation:height",
        // The body's own height, so the frame can shrink as well as grow.
        height: Math.ceil(document.body.getBoundingClientRect().height),
      }, "*");
    const ro = new ResizeObserver(send);
    ro.observe(document.body);
    send();
    return () => ro.disconnect();
  }, []);

  const pickExample = async (ex: Example) => {
    try {
      const res = await fetch(ex.src);
      if (!res.ok) throw new Error();
      const blob = await res.blob();
      const name = ex.src.split("/").pop() ?? "example.jpg";
      input.value = await keepFile(
        new File([blob], name, { type: blob.type || "image/jpeg" }),
      );
    } catch {
      notice.value = "Could not load that example. Please try another one.";
    }
  };

  const createShare = async () => {
    const ref = input.peek();
    const shown = realMask.current ?? mask.peek();
    if (!ref || !shown?.url) return;
    share.value = { status: "creating" };
    try {
      const [photo, maskPng] = await Promise.all([
        photoOf(ref).then((b) => shrinkForShare(b)),
        fetch(shown.url).then((r) => r.blob()),
      ]);
      const seconds = Number(
        String(p.info.peek() ?? "").match(/([\d.]+) seconds/)?.[1],
      );
      share.value = await createShareLink(
        photo,
        maskPng,
        Number.isFinite(seconds) ? Math.round(seconds * 1000) : undefined,
      );
    } catch {
      share.value = {
        status: "error",
        message: "Could not prepare the photo for sharing.",
      };
    }
  };

  const removeShare = async () => {
    share.value = await removeShareLink(share.value);
  };

  const hasResult = mask.value !== null && mask.value !== undefined;
  return (
    <div class="row pet-extras">
      {
        /* The result's controls come first, so that on a phone (one column) they sit right under
          the download link; wide screens show them on the right, under the result (CSS). */
      }
      <section class="col" aria-label="Result options">
        <label class="toggle">
          <input
            type="checkbox"
            id="overlay"
            checked={overlay.value}
            disabled={!hasResult}
            onChange={(e) => (overlay.value = e.currentTarget.checked)}
          />
          Show mask over photo
        </label>
        {hasResult && (
          <SharePanel
            state={share.value}
            onCreate={createShare}
            onDelete={removeShare}
          />
        )}
      </section>
      <section class="col" aria-label="Options and examples">
        <label class="toggle" aria-describedby="on-device-help">
          <input
            type="checkbox"
            id="on-device"
            checked={onDevice.value}
            disabled={busy || !localOk.value}
            onChange={(e) => (onDevice.value = e.currentTarget.checked)}
          />
          Run on this device
        </label>
        <p id="on-device-help" class="muted small">
          Runs the model in your browser (downloads about 16 MB once, and 2 MB
          more for the first HEIC photo). Photos chosen while this is on stay on
          your device unless you share them.
        </p>
        {/* Always present, so screen readers announce the text when it appears. */}
        <p class="muted small" role="status" id="notice">
          {notice.value ?? ""}
        </p>
        {p.examples.length > 0 && (
          <div class="examples">
            <h2 class="label">Examples</h2>
            <div class="example-grid">
              {p.examples.map((ex) => (
                <button
                  type="button"
                  class="example"
                  key={ex.src}
                  onClick={() => pickExample(ex)}
                  disabled={busy}
                  title={ex.label}
                  aria-label={`${ex.label} example`}
                >
                  {/* The button carries the name; the thumbnail adds nothing to it. */}
                  <img
                    src={ex.src}
                    alt=""
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
    </div>
  );
}

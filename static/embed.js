// Embed the Pet Image Segmentation app: <script src="https://HOST/embed.js" async></script>
// Optional attributes on the script tag: data-height (initial px, default 640), data-title.
(() => {
  const script = document.currentScript;
  if (!script) return;
  const origin = new URL(script.src, location.href).origin;
  const frame = document.createElement("iframe");
  frame.src = `${origin}/embed`;
  frame.title = script.dataset.title || "Pet Image Segmentation";
  frame.loading = "lazy";
  frame.allow = "clipboard-write; camera";
  frame.style.cssText = `width:100%;border:0;display:block;height:${
    Number(script.dataset.height) || 640
  }px`;
  addEventListener("message", (e) => {
    if (e.origin !== origin || e.source !== frame.contentWindow) return;
    const d = e.data;
    if (
      d && d.type === "pet-segmentation:height" && Number.isFinite(d.height) &&
      d.height > 0
    ) {
      frame.style.height = `${Math.ceil(d.height)}px`;
    }
  });
  script.after(frame);
})();

/** Page footer: credits and links. */
export function Footer() {
  return (
    <footer class="footer">
      <p>
        Model: a small U-Net trained on the{" "}
        <a href="https://www.robots.ox.ac.uk/~vgg/data/pets/">
          Oxford-IIIT Pet dataset
        </a>{" "}
        (Parkhi et al., CVPR 2012, CC BY-SA 4.0); example photos from the same
        dataset.
      </p>
      <p>
        <a href="/?view=api">Use via API</a> ·{" "}
        <a href="/openapi.json">REST API (OpenAPI)</a> ·{" "}
        <a href="/embed">Embed</a> · Runs on Deno with onnxruntime-web
      </p>
    </footer>
  );
}

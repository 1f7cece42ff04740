import assert from "node:assert/strict";
import { isInlineSafe, sniffMime } from "./mime.ts";

const b = (...xs: (number | string)[]) =>
  new Uint8Array(
    xs.flatMap((x) =>
      typeof x === "string" ? [...x].map((c) => c.charCodeAt(0)) : [x]
    ),
  );

Deno.test("mime - types come from the bytes, not the claim", () => {
  assert.equal(sniffMime(b(0xff, 0xd8, 0xff, 0xe0)), "image/jpeg");
  assert.equal(sniffMime(b("GIF89a")), "image/gif");
  assert.equal(sniffMime(b("RIFF", 0, 0, 0, 0, "WEBP")), "image/webp");
  // HEIC and AVIF share MP4's container; their brands tell them apart.
  const ftyp = (major: string, compat: string) =>
    b(0, 0, 0, 20, "ftyp", major, 0, 0, 0, 0, compat);
  assert.equal(sniffMime(ftyp("heic", "mif1")), "image/heic");
  assert.equal(sniffMime(ftyp("mif1", "avif")), "image/avif");
  assert.equal(sniffMime(ftyp("isom", "iso2")), "video/mp4");
  assert.equal(sniffMime(b("RIFF", 0, 0, 0, 0, "WAVE")), "audio/wav");
  assert.equal(sniffMime(b(0x1a, 0x45, 0xdf, 0xa3)), "video/webm");
  assert.equal(
    sniffMime(b(0x1a, 0x45, 0xdf, 0xa3), "audio/webm;codecs=opus"),
    "audio/webm",
  );
  assert.equal(
    sniffMime(b("<svg onload=alert(1)>"), "image/svg+xml"),
    "application/octet-stream",
  );
  assert.equal(sniffMime(b("<html>"), "text/html"), "application/octet-stream");
});

Deno.test("mime - only media types are inline-safe", () => {
  assert.ok(isInlineSafe("image/png"));
  assert.ok(!isInlineSafe("image/svg+xml"));
  assert.ok(!isInlineSafe("text/html"));
  assert.ok(!isInlineSafe("application/pdf"));
});

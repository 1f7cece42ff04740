/**
 * @module
 * The files `web_ui_driver.ts` gives the inputs of Gradio's web frontend:
 * an example photo, a text file, a 1 s WAV and a real 1 s WebM.
 */
import type { Browser } from "puppeteer-core";

/** Files the inputs get. */
export interface Fixtures {
  photo: string;
  text: string;
  wav: string;
  webm: string;
}

/**
 * Writes the input files into `dir`: a text file, a 1 s WAV, and a real
 * 1 s WebM recorded from a canvas in `browser`; the photo is one of the
 * pet app's examples.
 */
export async function makeFixtures(
  browser: Browser,
  dir: string,
): Promise<Fixtures> {
  const files: Fixtures = {
    photo: new URL("../../static/examples/Abyssinian_105.jpg", import.meta.url)
      .pathname,
    text: `${dir}/notes.txt`,
    wav: `${dir}/tone.wav`,
    webm: `${dir}/clip.webm`,
  };
  await Deno.writeTextFile(files.text, "A note about a good dog.\n");
  await Deno.writeFile(files.wav, wav());
  await Deno.writeFile(files.webm, await webm(browser));
  return files;
}

/** A 1 s 440 Hz mono WAV. */
function wav(): Uint8Array {
  const rate = 8000, n = 8000;
  const v = new DataView(new ArrayBuffer(44 + n * 2));
  const str = (o: number, s: string) =>
    [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
  str(0, "RIFF");
  v.setUint32(4, 36 + n * 2, true);
  str(8, "WAVEfmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  str(36, "data");
  v.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) {
    v.setInt16(44 + i * 2, 8000 * Math.sin(2 * Math.PI * 440 * i / rate), true);
  }
  return new Uint8Array(v.buffer);
}

async function webm(browser: Browser): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    const b64 = await page.evaluate(async () => {
      const c = document.createElement("canvas");
      c.width = 160;
      c.height = 120;
      const g = c.getContext("2d")!;
      const rec = new MediaRecorder(c.captureStream(25), {
        mimeType: "video/webm",
      });
      const parts: Blob[] = [];
      rec.ondataavailable = (e) => parts.push(e.data);
      const done = new Promise((r) => (rec.onstop = r));
      rec.start();
      for (let f = 0; f < 25; f++) {
        g.fillStyle = `hsl(${f * 14} 80% 50%)`;
        g.fillRect(0, 0, 160, 120);
        await new Promise((r) => setTimeout(r, 40));
      }
      rec.stop();
      await done;
      const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
      let s = "";
      for (const x of bytes) s += String.fromCharCode(x);
      return btoa(s);
    });
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } finally {
    await page.close();
  }
}

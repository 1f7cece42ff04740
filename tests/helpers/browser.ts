/**
 * @module
 * Headless Chromium (Debian's package) driven by puppeteer-core.
 */
import puppeteer, { type Browser, type Page } from "puppeteer-core";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** Path of an installed Chromium, or undefined. */
export function findChromium(): string | undefined {
  const env = Deno.env.get("CHROMIUM_PATH");
  if (env) return env;
  return CANDIDATES.find((p) => {
    try {
      return Deno.statSync(p).isFile;
    } catch {
      return false;
    }
  });
}

/**
 * Launches headless Chromium with the flags this sandbox needs.
 *
 * @example
 * ```ts
 * const browser = await launchBrowser();
 * try { const page = await browser.newPage(); } finally { await browser.close(); }
 * ```
 */
export async function launchBrowser(
  extraArgs: string[] = [],
): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      "Chromium not found: apt-get install chromium (see .ci/run)",
    );
  }
  return await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir: await Deno.makeTempDir({ prefix: "chromium-" }),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/** An image as the page shows it: size, source and the red channel (gray for masks). */
export interface ShownGray {
  w: number;
  h: number;
  src: string;
  gray: number[];
}

/**
 * Reads the pixels of the `<img>` matching `selector` through a canvas in
 * the page (a mask's gray levels are its red channel).
 *
 * @example
 * ```ts
 * const { w, h, gray } = await readImageGray(page, "#mask-output img");
 * ```
 */
export async function readImageGray(
  page: Page,
  selector: string,
): Promise<ShownGray> {
  return await page.$eval(selector, async (img) => {
    const i = img as HTMLImageElement;
    await i.decode();
    const c = document.createElement("canvas");
    c.width = i.naturalWidth;
    c.height = i.naturalHeight;
    const ctx = c.getContext("2d")!;
    ctx.drawImage(i, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const gray: number[] = [];
    for (let k = 0; k < d.length; k += 4) gray.push(d[k]);
    return { w: c.width, h: c.height, gray, src: i.src };
  });
}

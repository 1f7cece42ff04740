/**
 * @module
 * Headless Chromium (Debian's package) driven by puppeteer-core.
 */
import puppeteer, { type Browser } from "puppeteer-core";

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

/**
 * @module
 * Fixture Blocks apps for the Gradio protocol tests, built from minimal
 * component specs (so the tests do not depend on the kit's components),
 * and an in-process harness serving them on the app's real request path.
 */
import { blocks } from "../../lib/blocks/blocks.ts";
import {
  BlocksInputError,
  type ComponentSpec,
  type FileRef,
  type RunContext,
} from "../../lib/blocks/types.ts";
import type { AppEntry } from "../../apps/mod.ts";
import { type Harness, harness } from "../helpers/app_harness.ts";

/** A text component. */
export function text(label: string): ComponentSpec<string, string> {
  return {
    type: "textbox",
    props: { label, value: "" },
    interactive: true,
    preprocess: (w) => {
      if (typeof w !== "string") {
        throw new BlocksInputError(`${label} must be a string.`);
      }
      return w;
    },
    postprocess: (v) => String(v),
    apiInfo: () => ({ type: "string" }),
    examplePayload: () => "Hello!!",
  };
}

/** A number component. */
export function num(label: string, value = 1): ComponentSpec<number, number> {
  return {
    type: "slider",
    props: { label, value, minimum: 0, maximum: 10 },
    interactive: true,
    preprocess: (w) => {
      if (typeof w !== "number") {
        throw new BlocksInputError(`${label} must be a number.`);
      }
      return w;
    },
    postprocess: (v) => Number(v),
    apiInfo: () => ({ type: "number" }),
    examplePayload: () => value,
  };
}

const FILE_REF = {
  type: "object",
  properties: { path: { type: "string" } },
  required: ["path"],
};

/** A file component: functions get the bytes, return bytes (stored as `out.bin`). */
export function fileSpec(
  label: string,
): ComponentSpec<FileRef | null, Uint8Array | null> {
  return {
    type: "file",
    props: { label },
    interactive: true,
    async preprocess(w: FileRef | null, ctx: RunContext) {
      if (w === null) throw new BlocksInputError("No file.");
      const f = await ctx.files.get(w.path);
      if (!f) throw new BlocksInputError("Unknown file.");
      return f.bytes;
    },
    async postprocess(v: Uint8Array | null, ctx: RunContext) {
      if (v === null) return null;
      const f = await ctx.files.put(v, "out.bin", "application/octet-stream");
      return {
        path: f.id,
        size: v.length,
        origName: "out.bin",
        mimeType: f.mimeType,
      };
    },
    apiInfo: () => FILE_REF,
    examplePayload: () => null,
  };
}

/** Greet like the seed's Interface demo: `/greet(name, intensity)` plus the `/predict` alias. */
export function greetApp() {
  return blocks({ title: "Greet" }, (b) => {
    const name = b.add(text("name"));
    const intensity = b.add(num("intensity", 2));
    const out = b.add({ ...text("output"), interactive: false });
    b.add({ ...text("Submit"), type: "button" }).click(
      function greet(name: string, intensity: number) {
        return `Hello, ${name}${"!".repeat(intensity)}`;
      },
      [name, intensity],
      [out],
      { aliases: ["predict"] },
    );
  });
}

/** Reverses a file's bytes and reports its size: `/reverse(upload)` → [file, "N bytes"]. */
export function fileApp(maxFileBytes = 1024 * 1024) {
  return blocks({ title: "Files", maxFileBytes }, (b) => {
    const input = b.add(fileSpec("upload"));
    const out = b.add({ ...fileSpec("reversed"), interactive: false });
    const info = b.add({ ...text("info"), interactive: false });
    b.add({ ...text("Go"), type: "button" }).click(
      function reverse(bytes: Uint8Array) {
        return [bytes.slice().reverse(), `${bytes.length} bytes`];
      },
      [input],
      [out, info],
    );
  });
}

/** `/wait(ms)` sleeps; one at a time; for queue tests. */
export function slowApp(maxQueue = 64) {
  return blocks({ title: "Slow", maxQueue }, (b) => {
    const ms = b.add(num("ms"));
    const out = b.add({ ...text("out"), interactive: false });
    b.add({ ...text("Go"), type: "button" }).click(
      async function wait(ms: number) {
        await new Promise((r) => setTimeout(r, ms));
        if (ms === 13) throw new Error("secret internal detail");
        return `waited ${ms}`;
      },
      [ms],
      [out],
      { concurrencyLimit: 1 },
    );
  });
}

/** The fixture apps at their mount paths. */
export function fixtureApps(): AppEntry[] {
  return [
    { path: "/demos/greet", name: "greet", app: greetApp() },
    { path: "/demos/files", name: "files", app: fileApp() },
    { path: "/demos/slow", name: "slow", app: slowApp() },
  ];
}

/**
 * The fixture apps on the app's real request path, in process.
 *
 * @example
 * ```ts
 * const h = await gradioHarness();
 * try { await postJson(h.handler, "/demos/greet/gradio_api/run/greet", { data: ["a", 1] }); }
 * finally { await h.close(); }
 * ```
 */
export function gradioHarness(
  apps: AppEntry[] = fixtureApps(),
  env: Record<string, string> = {},
): Promise<Harness> {
  return harness(apps, env);
}

/** The origin in-process requests are made against. */
export const BASE = "http://localhost";

type Handler = Harness["handler"];

/**
 * POSTs `body` as JSON to an in-process handler.
 *
 * @example
 * await postJson(h.handler, "/demos/greet/gradio_api/run/greet", { data: ["a", 1] });
 */
export function postJson(
  handler: Handler,
  path: string,
  body: unknown,
): Promise<Response> {
  return handler(
    new Request(BASE + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/**
 * Uploads `bytes` as one file to an app's `/gradio_api/upload`, as the
 * Gradio clients do before they send a FileData.
 *
 * @example
 * const [path] = await (await upload(h.handler, "/demos/other", new Uint8Array([1]))).json();
 */
export async function upload(
  handler: Handler,
  path: string,
  bytes: Uint8Array,
  name = "a.bin",
) {
  const form = new FormData();
  form.append("files", new File([bytes as BlobPart], name));
  return await handler(
    new Request(`${BASE}${path}/gradio_api/upload`, {
      method: "POST",
      body: form,
    }),
  );
}

/** Reads an SSE body into frames of `{event?, data}` until it ends (or `limit` frames). */
export async function readSse(
  res: Response,
  limit = 100,
): Promise<{ event?: string; data: string }[]> {
  const text = res.body!.pipeThrough(new TextDecoderStream());
  const frames: { event?: string; data: string }[] = [];
  let buf = "";
  for await (const chunk of text) {
    buf += chunk;
    let i;
    while ((i = buf.indexOf("\n\n")) >= 0) {
      const raw = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const f: { event?: string; data: string } = { data: "" };
      const data: string[] = [];
      for (const line of raw.split("\n")) {
        if (line.startsWith("event: ")) f.event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
        else throw new Error(`Unexpected SSE line: ${JSON.stringify(line)}`);
      }
      f.data = data.join("\n");
      frames.push(f);
      if (frames.length >= limit) {
        await text.cancel().catch(() => {});
        return frames;
      }
    }
  }
  return frames;
}

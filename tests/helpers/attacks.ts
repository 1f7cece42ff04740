/**
 * @module
 * Attackers for the hostile tests and the "under attack" benchmark: a slow
 * uploader, raw HTTP exchanges (forged headers fetch() will not send), and
 * the server's peak memory.
 */
import type { TestServer } from "./server.ts";

/** Peak resident memory of the server process so far, in MB. */
export function peakRssMb(server: TestServer): number {
  const status = Deno.readTextFileSync(`/proc/${server.child.pid}/status`);
  return Number(status.match(/VmHWM:\s+(\d+)/)![1]) / 1024;
}

/** A client that sends its headers, then a byte now and then (raw TCP). */
export async function slowUpload(
  server: TestServer,
  forwardedFor: string,
  bytes = 1_000_000,
  path = "/api/segment",
): Promise<{ status: Promise<number>; stop(): void }> {
  const port = Number(new URL(server.url).port);
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const enc = new TextEncoder();
  await conn.write(enc.encode(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
      `Content-Type: image/jpeg\r\nContent-Length: ${bytes}\r\n` +
      `X-Forwarded-For: ${forwardedFor}\r\n\r\n`,
  ));
  let stopped = false;
  (async () => {
    while (!stopped) {
      try {
        await conn.write(new Uint8Array([0xff]));
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  const status = (async () => {
    const buf = new Uint8Array(4096);
    let head = "";
    while (!head.includes("\r\n")) {
      const n = await conn.read(buf).catch(() => null);
      if (n === null) break;
      head += new TextDecoder().decode(buf.subarray(0, n));
    }
    return Number(head.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
  })();
  return {
    status,
    stop() {
      stopped = true;
      try {
        conn.close();
      } catch { /* closed by the server */ }
    },
  };
}

/** One HTTP/1.1 exchange over raw TCP (fetch() will not send a forged Host). */
export async function raw(
  server: TestServer,
  head: string,
  body: Uint8Array = new Uint8Array(0),
): Promise<{ status: number; head: string; body: string }> {
  const port = Number(new URL(server.url).port);
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  await conn.write(new TextEncoder().encode(
    `${head}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
  ));
  if (body.length) await conn.write(body);
  const parts: Uint8Array[] = [];
  const buf = new Uint8Array(65536);
  for (;;) {
    const n = await conn.read(buf).catch(() => null);
    if (n === null) break;
    parts.push(buf.slice(0, n));
  }
  conn.close();
  const text = new TextDecoder().decode(
    new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer()),
  );
  const at = text.indexOf("\r\n\r\n");
  return {
    status: Number(text.slice(9, 12)),
    head: text.slice(0, at),
    body: text.slice(at + 4),
  };
}

/** A request body that sends `bytes` in `chunk`-byte pieces, one every `everyMs`. */
export function trickle(
  bytes: Uint8Array,
  chunk: number,
  everyMs: number,
): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      await new Promise((r) => setTimeout(r, everyMs));
      if (i >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(i, i + chunk));
      i += chunk;
    },
  });
}

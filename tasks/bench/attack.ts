/**
 * @module
 * Under attack: for each attack class of the hardening issue, a fresh server,
 * the attack running, and what a normal user sees meanwhile (their photo's
 * status and latency, the worst `/healthz` time) plus the server's peak RSS.
 * The first row is the same user with no attack, for comparison.
 */
import { startServer, type TestServer } from "../../tests/helpers/server.ts";
import { peakRssMb, slowUpload } from "../../tests/helpers/attacks.ts";
import {
  deepProgressiveJpeg,
  examplePhoto,
  png16Rgba,
  pngBomb,
  webpLosslessClaiming,
} from "../../tests/helpers/fixtures.ts";
import { median, type Row } from "./stats.ts";

const post = (
  server: TestServer,
  path: string,
  body: BodyInit,
  headers: Record<string, string> = {},
) =>
  fetch(`${server.url}${path}`, { method: "POST", body, headers }).then(
    async (r) => {
      await r.body?.cancel();
      return r.status;
    },
  );

/** A normal user's view while `attack` runs: 3 photos and /healthz probes. */
async function normalUser(server: TestServer): Promise<string> {
  const photo = await examplePhoto();
  const times: number[] = [];
  const statuses = new Set<number>();
  let worstHealth = 0;
  let probing = true;
  const probes = (async () => {
    while (probing) {
      const t0 = performance.now();
      const r = await fetch(`${server.url}/healthz`);
      await r.body?.cancel();
      worstHealth = Math.max(worstHealth, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    statuses.add(
      await post(server, "/api/segment", photo as BodyInit, {
        "Content-Type": "image/jpeg",
        "X-Forwarded-For": "10.200.0.1",
      }),
    );
    times.push(performance.now() - t0);
  }
  probing = false;
  await probes;
  return `${[...statuses].join("/")} in ${median(times).toFixed(0)} ms; ` +
    `/healthz worst ${worstHealth.toFixed(0)} ms`;
}

interface Attack {
  name: string;
  env?: Record<string, string>;
  /** Starts the attack; resolves to a stop function and a note on how it fared. */
  start(
    server: TestServer,
  ): (() => Promise<string>) | Promise<() => Promise<string>>;
}

const ATTACKS: Attack[] = [
  {
    name: "none (baseline)",
    start: () => Promise.resolve(() => Promise.resolve("")),
  },
  {
    name: "8 addresses dribbling 1 MB bodies + 5 from one address",
    env: { TRUST_PROXY: "1" },
    async start(server) {
      const a: Awaited<ReturnType<typeof slowUpload>>[] = [];
      for (let i = 0; i < 8; i++) {
        a.push(await slowUpload(server, `10.9.0.${i}`));
      }
      for (let i = 0; i < 5; i++) a.push(await slowUpload(server, "10.9.1.1"));
      return async () => {
        const s = await Promise.all(a.map((x) => x.status));
        a.forEach((x) => x.stop());
        return `attackers got ${count(s)}`;
      };
    },
  },
  {
    name: "demo app: 12 MP 16-bit PNG (534 KB) to mirror_image ×4",
    async start(server) {
      const png = await png16Rgba(4000, 3000);
      const calls = Array.from({ length: 4 }, () => {
        const fd = new FormData();
        fd.append("data", JSON.stringify([{ path: "upload:0" }]));
        fd.append("files", new File([png as BlobPart], "x.png"));
        return post(server, "/demos/components/api/mirror_image", fd);
      });
      return async () => `attacker got ${count(await Promise.all(calls))}`;
    },
  },
  {
    name:
      "bombs: 40 MP gray PNG, 16383×2441 WebP, 150-scan JPEG, 8× 12 MP 16-bit PNG",
    env: { TRUST_PROXY: "1", MAX_QUEUE: "16" },
    async start(server) {
      const bodies: [Uint8Array, string][] = [
        [await pngBomb(6000, 6600), "image/png"],
        [webpLosslessClaiming(16383, 2441), "image/webp"],
        [await deepProgressiveJpeg(4000, 3000, 150), "image/jpeg"],
      ];
      const png16 = await png16Rgba(4000, 3000);
      for (let i = 0; i < 8; i++) bodies.push([png16, "image/png"]);
      const calls = bodies.map(([b, type], i) =>
        post(server, "/api/segment", b as BodyInit, {
          "Content-Type": type,
          "X-Forwarded-For": `10.9.2.${i}`,
        })
      );
      return async () => `attacker got ${count(await Promise.all(calls))}`;
    },
  },
  {
    name: "4,000 one-byte uploads from 20 addresses",
    env: { TRUST_PROXY: "1" },
    start(server) {
      const one = (i: number) => {
        const fd = new FormData();
        fd.append("files", new File(["x"], "x.txt"));
        return post(server, "/demos/components/gradio_api/upload", fd, {
          "X-Forwarded-For": `10.9.3.${i % 20}`,
        });
      };
      const statuses: number[] = [];
      const run = (async () => {
        for (let i = 0; i < 4000; i += 20) {
          statuses.push(
            ...await Promise.all(
              Array.from({ length: 20 }, (_, k) => one(i + k)),
            ),
          );
        }
      })();
      return async () => {
        await run;
        return `attacker got ${count(statuses)}`;
      };
    },
  },
  {
    name: "1,000 Gradio joins from 250 addresses",
    env: { TRUST_PROXY: "1" },
    start(server) {
      const statuses: number[] = [];
      const join = (i: number) =>
        post(
          server,
          "/demos/interface/gradio_api/queue/join",
          JSON.stringify({
            data: ["x", 1],
            fn_index: 0,
            session_hash: `flood-${i}`,
          }),
          {
            "Content-Type": "application/json",
            "X-Forwarded-For": `10.9.4.${i % 250}`,
          },
        );
      const run = (async () => {
        for (let i = 0; i < 1000; i += 20) {
          statuses.push(
            ...await Promise.all(
              Array.from({ length: 20 }, (_, k) => join(i + k)),
            ),
          );
        }
      })();
      return async () => {
        await run;
        return `attacker got ${count(statuses)}`;
      };
    },
  },
  {
    name: "100 event streams held open from one address",
    env: { TRUST_PROXY: "1" },
    async start(server) {
      const res = await Promise.all(
        Array.from(
          { length: 100 },
          (_, i) =>
            fetch(`${server.url}/demos/interface/gradio_api/heartbeat/h${i}`, {
              headers: { "X-Forwarded-For": "10.9.5.1" },
            }),
        ),
      );
      return async () => {
        for (const r of res) await r.body?.cancel();
        return `attacker got ${count(res.map((r) => r.status))}`;
      };
    },
  },
];

function count(statuses: number[]): string {
  const by = new Map<number, number>();
  for (const s of statuses) by.set(s, (by.get(s) ?? 0) + 1);
  return [...by].sort().map(([s, n]) => `${n}× ${s}`).join(", ");
}

/** The attack section's rows. */
export async function attackRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const attack of ATTACKS) {
    const server = await startServer(attack.env);
    try {
      const stop = await attack.start(server);
      const user = await normalUser(server);
      const note = await stop();
      rows.push([
        `under attack: ${attack.name}`,
        `normal user ${user}; peak RSS ${peakRssMb(server).toFixed(0)} MB${
          note ? `; ${note}` : ""
        }`,
      ]);
    } finally {
      await server.stop();
    }
  }
  return rows;
}

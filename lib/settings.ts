/**
 * @module
 * Server settings, read once from environment variables with safe defaults.
 * The README's settings table lists the same variables.
 */
import { INLINE_MAX_PIXELS } from "./image/inline_limits.ts";

/** Every setting the server reads. */
export interface Settings {
  /** `PORT`: listening port for `deno task start` (0 picks a free one). Default 8000. */
  port: number;
  /** `LISTEN_HOST`: interface `deno task start` binds. Default `0.0.0.0`. */
  hostname: string;
  /** `PUBLIC_URL`: origin used in absolute links (share URLs, Gradio's `root`). */
  publicUrl?: string;
  /**
   * `ALLOWED_HOSTS`: `Host` values whose origin may be used in absolute links
   * when `PUBLIC_URL` is unset; others get relative links. Default: loopback
   * names; on Deno Deploy (which routes by host) any host.
   */
  allowedHosts: readonly string[] | "any";
  /** `TRUST_PROXY=1`: take the client address from `X-Forwarded-For` (behind your own proxy). */
  trustProxy: boolean;
  /** `KV_PATH`: Deno KV location (`:memory:` allowed); unset on Deno Deploy uses the managed KV. Default `data/app.sqlite`. */
  kvPath?: string;
  /** `SHARE_TTL_HOURS`: share link lifetime. Default 168 (7 days). */
  shareTtlMs: number;
  /** `MAX_BODY_MB`: request body limit for uploads. Default 15. */
  maxBodyBytes: number;
  /** `MAX_PIXELS`: pixel budget per photo. Default 40 000 000. */
  maxPixels: number;
  /**
   * `INLINE_MAX_PIXELS`: the pixel budget where there are no Web Workers and
   * photos are processed on the event loop (each stage must stay well under
   * a second). Default 8 000 000.
   */
  inlineMaxPixels: number;
  /**
   * `MAX_DECODE_MB`: memory one photo's decode may need (a progressive JPEG's
   * coefficients, a WebP's frame). Default 96.
   */
  maxDecodeBytes: number;
  /** `FRAME_ANCESTORS`: CSP frame-ancestors for /embed. Default `*`. */
  embedFrameAncestors: string;
  /** `MAX_QUEUE`: photos allowed to wait for the model. Default 16. */
  maxQueue: number;
  /** `INFERENCE_TIMEOUT_MS`: per-photo time limit. Default 20 000. */
  inferenceTimeoutMs: number;
  /** `ORT_THREADS`: WASM threads for inference (1 without Web Workers). Default 2. */
  threads: number;
  /** `MODEL_DIR`: directory with `manifest.json` and the `.onnx` it names. Default `static/model/`. */
  modelDir?: string;
  /** `RATE_LIMIT_PER_MIN`: model runs and app calls per client per minute; 0 = off. Default 0. */
  rateLimitPerMinute: number;
  /** `UPLOAD_RATE_PER_MIN`: file uploads per client per minute; 0 = off. Default 120. */
  uploadRatePerMinute: number;
  /** `SHARE_RATE_PER_HOUR`: share links one client may create per hour; 0 = off. Default 20. */
  shareRatePerHour: number;
  /** `SHARE_QUOTA_PER_DAY`: share links created per day, all clients together. Default 2 000. */
  shareQuotaPerDay: number;
  /** `UPLOAD_QUOTA_MB` / `UPLOAD_QUOTA_FILES`: uploads held at once (per hour), all apps. Default 512 MB / 4 000. */
  uploadQuotaBytes: number;
  uploadQuotaFiles: number;
  /** `SHARE_API_KEYS`: comma-separated keys that let other sites create shares (`X-Api-Key`). */
  shareApiKeys: readonly string[];
  /** `HEARTBEAT_SECONDS`: idle time before a heartbeat on event streams. Default 15 (as Gradio). */
  heartbeatMs: number;
  /**
   * `CORS_ORIGINS`: origins (`https://a.example`) whose pages may call the
   * Gradio API with credentials, echoed back; empty or `*`: any origin,
   * never with credentials (`http/cors.ts`). Default: empty.
   */
  corsOrigins: readonly string[];
}

function num(
  env: (k: string) => string | undefined,
  key: string,
  def: number,
  min = 0,
): number {
  const raw = env(key);
  if (raw === undefined || raw === "") return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) {
    throw new Error(`${key} must be a number ≥ ${min}, got "${raw}"`);
  }
  return n;
}

const list = (raw: string | undefined) =>
  (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean);

/** Hosts allowed in links by default when nothing is configured. */
const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Reads the settings from a getter (defaults to `Deno.env.get`).
 *
 * @example
 * ```ts
 * const s = loadSettings((k) => ({ PORT: "0", KV_PATH: ":memory:" })[k]);
 * s.port; // 0
 * ```
 */
export function loadSettings(
  env: (k: string) => string | undefined = envGet,
): Settings {
  const publicUrl = env("PUBLIC_URL")?.replace(/\/+$/, "") || undefined;
  if (publicUrl) new URL(publicUrl); // fail fast on a malformed origin
  const onDeploy = Boolean(env("DENO_DEPLOYMENT_ID"));
  const port = num(env, "PORT", 8000);
  const hosts = list(env("ALLOWED_HOSTS"));
  return {
    port,
    hostname: env("LISTEN_HOST") || "0.0.0.0",
    publicUrl,
    allowedHosts: hosts.includes("*")
      ? "any"
      : hosts.length
      ? hosts
      : onDeploy
      ? "any"
      : LOOPBACK,
    trustProxy: /^(1|true|yes)$/i.test(env("TRUST_PROXY") ?? ""),
    kvPath: env("KV_PATH") ?? (onDeploy ? undefined : "data/app.sqlite"),
    shareTtlMs: num(env, "SHARE_TTL_HOURS", 168, 0.0001) * 3600_000,
    maxBodyBytes: Math.round(num(env, "MAX_BODY_MB", 15, 0.001) * 1024 * 1024),
    maxPixels: num(env, "MAX_PIXELS", 40_000_000, 1),
    inlineMaxPixels: num(env, "INLINE_MAX_PIXELS", INLINE_MAX_PIXELS, 1),
    maxDecodeBytes: Math.round(num(env, "MAX_DECODE_MB", 96, 1) * 1024 * 1024),
    embedFrameAncestors: env("FRAME_ANCESTORS") || "*",
    maxQueue: num(env, "MAX_QUEUE", 16, 1),
    inferenceTimeoutMs: num(env, "INFERENCE_TIMEOUT_MS", 20_000, 100),
    threads: num(env, "ORT_THREADS", 2, 1),
    rateLimitPerMinute: num(env, "RATE_LIMIT_PER_MIN", 0, 0),
    uploadRatePerMinute: num(env, "UPLOAD_RATE_PER_MIN", 120, 0),
    shareRatePerHour: num(env, "SHARE_RATE_PER_HOUR", 20, 0),
    shareQuotaPerDay: num(env, "SHARE_QUOTA_PER_DAY", 2000, 0),
    uploadQuotaBytes: Math.round(
      num(env, "UPLOAD_QUOTA_MB", 512, 1) * 1024 * 1024,
    ),
    uploadQuotaFiles: num(env, "UPLOAD_QUOTA_FILES", 4000, 1),
    modelDir: env("MODEL_DIR") || undefined,
    shareApiKeys: list(env("SHARE_API_KEYS")),
    heartbeatMs: num(env, "HEARTBEAT_SECONDS", 15, 0.05) * 1000,
    corsOrigins: list(env("CORS_ORIGINS")),
  };
}

function envGet(key: string): string | undefined {
  try {
    return Deno.env.get(key);
  } catch {
    return undefined; // no --allow-env for this key: use the default
  }
}

/**
 * @module
 * Server settings, read once from environment variables with safe defaults.
 */

/** Every setting the server reads. */
export interface Config {
  /** `PORT`: listening port (0 picks a free one). Default 8000. */
  port: number;
  /** `LISTEN_HOST`: interface to bind. Default `0.0.0.0`. */
  hostname: string;
  /** `PUBLIC_URL`: origin used in share links; else taken from the request. */
  publicUrl?: string;
  /** `KV_PATH`: Deno KV location (`:memory:` allowed); empty on Deno Deploy uses the managed KV. Default `data/app.sqlite`. */
  kvPath?: string;
  /** `SHARE_TTL_HOURS`: share link lifetime. Default 168 (7 days). */
  shareTtlMs: number;
  /** `MAX_BODY_MB`: request body limit for uploads. Default 15. */
  maxBodyBytes: number;
  /** `MAX_PIXELS`: pixel budget per photo. Default 40 000 000. */
  maxPixels: number;
  /** `FRAME_ANCESTORS`: CSP frame-ancestors for /embed. Default `*`. */
  embedFrameAncestors: string;
  /** `MAX_QUEUE`: photos allowed to wait for the model. Default 16. */
  maxQueue: number;
  /** `INFERENCE_TIMEOUT_MS`: per-photo time limit. Default 20 000. */
  inferenceTimeoutMs: number;
  /** `ORT_THREADS`: WASM threads for inference. Default 2. */
  threads: number;
  /** `MODEL_DIR`: directory with `manifest.json` and the `.onnx` it names. Default `static/model/`. */
  modelDir?: string;
  /** `RATE_LIMIT_PER_MIN`: segmentations per client per minute; 0 = off. Default 0. */
  rateLimitPerMinute: number;
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

/**
 * Reads the configuration from a getter (defaults to `Deno.env.get`).
 *
 * @example
 * ```ts
 * const cfg = loadConfig((k) => ({ PORT: "0", KV_PATH: ":memory:" })[k]);
 * cfg.port; // 0
 * ```
 */
export function loadConfig(
  env: (k: string) => string | undefined = envGet,
): Config {
  const publicUrl = env("PUBLIC_URL")?.replace(/\/+$/, "") || undefined;
  if (publicUrl) new URL(publicUrl); // fail fast on a malformed origin
  const onDeploy = Boolean(env("DENO_DEPLOYMENT_ID"));
  return {
    port: num(env, "PORT", 8000),
    hostname: env("LISTEN_HOST") || "0.0.0.0",
    publicUrl,
    kvPath: env("KV_PATH") ?? (onDeploy ? undefined : "data/app.sqlite"),
    shareTtlMs: num(env, "SHARE_TTL_HOURS", 168, 0.0001) * 3600_000,
    maxBodyBytes: Math.round(num(env, "MAX_BODY_MB", 15, 0.001) * 1024 * 1024),
    maxPixels: num(env, "MAX_PIXELS", 40_000_000, 1),
    embedFrameAncestors: env("FRAME_ANCESTORS") || "*",
    maxQueue: num(env, "MAX_QUEUE", 16, 1),
    inferenceTimeoutMs: num(env, "INFERENCE_TIMEOUT_MS", 20_000, 100),
    threads: num(env, "ORT_THREADS", 2, 1),
    rateLimitPerMinute: num(env, "RATE_LIMIT_PER_MIN", 0, 0),
    modelDir: env("MODEL_DIR") || undefined,
  };
}

function envGet(key: string): string | undefined {
  try {
    return Deno.env.get(key);
  } catch {
    return undefined; // no --allow-env for this key: use the default
  }
}

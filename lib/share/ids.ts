/**
 * @module
 * Unguessable identifiers for share links and their delete tokens.
 */
import { encodeBase64Url } from "../base64.ts";

/**
 * Returns `bytes` random bytes as base64url without padding (16 bytes = 128 bits → 22 chars).
 *
 * @example
 * ```ts
 * newId(); // "q3V0pN8cQ9mZ1x2Yb7a4Lw"
 * ```
 */
export function newId(bytes = 16): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Whether `id` looks like one {@link newId} makes (so junk never reaches the store). */
export function isValidId(id: string): boolean {
  return /^[A-Za-z0-9_-]{22,64}$/.test(id);
}

/** SHA-256 of a token as hex: only the hash of a delete token is stored. */
export async function hashToken(token: string): Promise<string> {
  const d = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(token),
  );
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** Compares two equal-length strings without an early exit. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * @module
 * The seed's `greet(name, intensity)`, shared by the greet demos.
 */

/**
 * "Hello, <name>" repeated `intensity` times, one per line (as in the seed:
 * `"\n".join(["Hello, " + name] * int(intensity))`).
 *
 * @example
 * ```ts
 * greet("Linh", 3); // "Hello, Linh\nHello, Linh\nHello, Linh"
 * ```
 */
export function greet(name: string, intensity: number): string {
  return Array.from({ length: Math.trunc(intensity) }, () => "Hello, " + name)
    .join("\n");
}

/**
 * @module
 * Under attack: what a normal user sees while an attack runs (see
 * `attackRows`). Filled in with the hostile-input work.
 */
import type { Row } from "./stats.ts";

/** The attack section's rows. */
export function attackRows(): Promise<Row[]> {
  return Promise.resolve([]);
}

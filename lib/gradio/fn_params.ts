/**
 * @module
 * Parameter names of a bound function, read from its source text — what
 * Gradio gets from `inspect.signature` for `/info`'s `parameter_name`.
 *
 * @example
 * ```ts
 * fnParams(function greet(name, intensity = 1) {}); // [{ name: "name", hasDefault: false }, { name: "intensity", hasDefault: true }]
 * fnParams((img) => img);                           // [{ name: "img", hasDefault: false }]
 * ```
 */

/** One parameter: its name (undefined for destructuring or rest) and whether it has a default. */
export interface FnParam {
  name?: string;
  hasDefault: boolean;
}

/** The parameters of `fn`, best effort; `[]` when the source cannot be read. */
// deno-lint-ignore no-explicit-any
export function fnParams(fn: (...args: any[]) => unknown): FnParam[] {
  let src: string;
  try {
    src = Function.prototype.toString.call(fn);
  } catch {
    return [];
  }
  src = src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
  const single = src.match(/^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/);
  if (single) return [{ name: single[1], hasDefault: false }];
  const open = src.indexOf("(");
  if (open < 0) return [];
  const inner = balanced(src, open);
  if (inner === undefined) return [];
  return splitTopLevel(inner).filter((p) => p.trim() !== "").map((p) => {
    const text = p.trim();
    const eq = topLevelIndex(text, "=");
    const head = (eq >= 0 ? text.slice(0, eq) : text).trim();
    const m = head.match(/^[A-Za-z_$][\w$]*$/);
    return { name: m ? head : undefined, hasDefault: eq >= 0 };
  });
}

function balanced(s: string, open: number): string | undefined {
  let depth = 0;
  let quote = "";
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) return s.slice(open + 1, i);
    }
  }
  return undefined;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function topLevelIndex(s: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === ch && depth === 0 && s[i + 1] !== ">" && s[i - 1] !== "=") {
      return i;
    }
  }
  return -1;
}

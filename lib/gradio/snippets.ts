/**
 * @module
 * Ready-to-run client snippets per endpoint, as Gradio's "Use via API" page
 * shows them: `@gradio/client` (JavaScript), `gradio_client` (Python) and
 * cURL (the `/call` pair, with an upload first for file inputs).
 *
 * @example
 * ```ts
 * const s = snippets("http://localhost:8000/demos/greet", "greet", endpointModels(app).get("greet")!);
 * s.js.includes('client.predict("/greet"'); // true
 * ```
 */
import type { ApiValueModel, EndpointModel } from "./wire.ts";
import { API_PREFIX } from "./app_config.ts";

/** The three snippets of one endpoint. */
export interface Snippets {
  js: string;
  python: string;
  curl: string;
}

/** Builds the snippets for endpoint `name` of the app at `root` (absolute URL, no trailing slash). */
export function snippets(
  root: string,
  name: string,
  e: EndpointModel,
): Snippets {
  return {
    js: jsSnippet(root, name, e),
    python: pySnippet(root, name, e),
    curl: curlSnippet(root, name, e),
  };
}

function isFile(p: ApiValueModel): boolean {
  return p.pythonType === "filepath";
}

function jsSnippet(root: string, name: string, e: EndpointModel): string {
  const files = e.parameters.filter(isFile);
  const lines: string[] = [`import { Client } from "@gradio/client";`];
  if (files.length) lines.push(`import { readFile } from "node:fs/promises";`);
  lines.push("");
  files.forEach((p) =>
    lines.push(
      `const ${p.name} = new Blob([await readFile("photo.jpg")]); // any local file`,
    )
  );
  if (files.length) lines.push("");
  lines.push(
    `const client = await Client.connect(${JSON.stringify(root + "/")});`,
  );
  const args = e.parameters.map((p) =>
    `  ${p.name}: ${isFile(p) ? p.name : JSON.stringify(p.example ?? null)},`
  );
  lines.push(
    `const result = await client.predict(${JSON.stringify("/" + name)}, {`,
    ...args,
    "});",
    "",
  );
  lines.push(
    `console.log(result.data); // ${
      e.returns.map((r) => r.label).join(", ") || "no outputs"
    }`,
  );
  return lines.join("\n");
}

function pySnippet(root: string, name: string, e: EndpointModel): string {
  const files = e.parameters.some(isFile);
  const lines = [
    `from gradio_client import Client${files ? ", handle_file" : ""}`,
    "",
    `client = Client(${pyString(root + "/")})`,
  ];
  lines.push("result = client.predict(");
  for (const p of e.parameters) {
    lines.push(
      `    ${p.name}=${
        isFile(p) ? `handle_file("photo.jpg")` : pyLiteral(p.example ?? null)
      },`,
    );
  }
  lines.push(`    api_name=${pyString("/" + name)},`, ")", `print(result)`);
  return lines.join("\n");
}

function curlSnippet(root: string, name: string, e: EndpointModel): string {
  const api = `${root}${API_PREFIX}`;
  const lines: string[] = [];
  const data = e.parameters.map((p, i) => {
    if (!isFile(p)) return JSON.stringify(p.example ?? null);
    const v = `FILE_${i}`;
    lines.push(
      `${v}=$(curl -s -F files=@photo.jpg ${api}/upload | sed -E 's/^\\["([^"]+)".*/\\1/')`,
    );
    return `{"path": "'"$${v}"'", "meta": {"_type": "gradio.FileData"}}`;
  });
  lines.push(
    `EVENT_ID=$(curl -s -X POST ${api}/call/${name} \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"data": [${
      data.join(", ")
    }]}' | sed -E 's/.*"event_id": ?"([^"]+)".*/\\1/')`,
    `curl -N ${api}/call/${name}/$EVENT_ID`,
  );
  return lines.join("\n");
}

/** A JSON value as a Python literal. */
export function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return pyString(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "None";
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(", ")}]`;
  if (typeof v === "object") {
    return `{${
      Object.entries(v as Record<string, unknown>).map(([k, x]) =>
        `${pyString(k)}: ${pyLiteral(x)}`
      ).join(", ")
    }}`;
  }
  return "None";
}

function pyString(s: string): string {
  return JSON.stringify(s);
}

/**
 * @module
 * The API description of a Blocks app (what `GET {app}/api` answers and the
 * page's "Use via API" section shows): one entry per exposed function with
 * its parameters, return values and a curl example.
 */
import type { BlocksApp } from "./blocks_app.ts";
import type { JsonSchema } from "./types.ts";

/** One parameter or return value. */
export interface ApiValueDoc {
  label: string;
  component: string;
  type: JsonSchema;
  example: unknown;
}

/** One endpoint. */
export interface EndpointDoc {
  name: string;
  /** `POST` here with `{"data": [...]}` (JSON) or multipart. */
  path: string;
  aliases: string[];
  description?: string;
  parameters: ApiValueDoc[];
  returns: ApiValueDoc[];
  /** A ready-to-run curl command (relative URL). */
  curl: string;
}

/** The whole API of an app mounted at `base` (`""` or `/demos/x`). */
export interface AppApiDoc {
  title: string;
  endpoints: EndpointDoc[];
  upload: string;
  file: string;
  maxFileBytes: number;
}

/**
 * Describes the exposed functions of `app` mounted at `base`.
 *
 * @example
 * ```ts
 * const doc = apiDoc(greetApp, "/demos/interface");
 * doc.endpoints[0].path; // "/demos/interface/api/greet"
 * ```
 */
export function apiDoc(app: BlocksApp, base: string): AppApiDoc {
  const value = (id: number, i: number, kind: string): ApiValueDoc => {
    const spec = app.components.get(id)!;
    return {
      label: String(spec.props.label ?? `${kind} ${i}`),
      component: spec.kind ?? spec.type,
      type: spec.apiInfo(),
      example: spec.examplePayload(),
    };
  };
  const endpoints = app.dependencies.filter((d) => d.apiName !== null).map(
    (d): EndpointDoc => {
      const parameters = d.inputs.map((id, i) => value(id, i, "input"));
      const path = `${base}/api/${d.apiName}`;
      const body = JSON.stringify({ data: parameters.map((p) => p.example) });
      return {
        name: d.apiName!,
        path,
        aliases: d.aliases,
        description: d.description,
        parameters,
        returns: d.outputs.map((id, i) => value(id, i, "output")),
        curl: `curl -X POST -H 'Content-Type: application/json' -d '${
          body.replace(/'/g, "'\\''")
        }' "$HOST${path}"`,
      };
    },
  );
  return {
    title: app.title,
    endpoints,
    upload: `${base}/upload`,
    file: `${base}/file/{path}`,
    maxFileBytes: app.maxFileBytes,
  };
}

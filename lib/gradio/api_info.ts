/**
 * @module
 * Builds `GET {P}/gradio_api/info`: per endpoint, its parameters (label,
 * `parameter_name` from the bound function's own parameter names, JSON
 * schema, Python type, component class, example) and return values. The
 * same model feeds the "Use via API" page.
 *
 * @example
 * ```ts
 * const eps = endpointModels(app);
 * eps.get("greet")?.parameters.map((p) => p.name); // ["name", "intensity"]
 * ```
 */
import type { BlocksApp } from "../blocks/blocks_app.ts";
import type { ComponentSpec, JsonSchema } from "../blocks/types.ts";
import { listEndpoints } from "./endpoints.ts";
import { schemaHasFiles } from "./file_data.ts";
import { fnParams } from "./fn_params.ts";
import {
  apiInfoToWire,
  type ApiValueModel,
  type EndpointModel,
  fileDataExample,
  fileDataSchema,
  isRecord,
} from "./wire.ts";

const CLASS_NAMES: Record<string, string> = {
  annotatedimage: "AnnotatedImage",
  audio: "Audio",
  button: "Button",
  chatbot: "Chatbot",
  checkbox: "Checkbox",
  checkboxgroup: "CheckboxGroup",
  code: "Code",
  colorpicker: "ColorPicker",
  dataframe: "Dataframe",
  dataset: "Dataset",
  dropdown: "Dropdown",
  file: "File",
  gallery: "Gallery",
  highlightedtext: "HighlightedText",
  html: "HTML",
  image: "Image",
  imageeditor: "ImageEditor",
  json: "JSON",
  label: "Label",
  markdown: "Markdown",
  number: "Number",
  radio: "Radio",
  slider: "Slider",
  state: "State",
  textbox: "Textbox",
  video: "Video",
};

/** Gradio's class name for a lower-case component type (`"textbox"` → `"Textbox"`). */
export function componentClass(type: string): string {
  return CLASS_NAMES[type] ?? type.charAt(0).toUpperCase() + type.slice(1);
}

/** The endpoint models of `app` (aliases included, marked undocumented), by name. */
export function endpointModels(app: BlocksApp): Map<string, EndpointModel> {
  const out = new Map<string, EndpointModel>();
  for (const e of listEndpoints(app)) {
    const params = fnParams(e.dep.fn);
    const used = new Set<string>();
    const parameters = e.dep.inputs.map((id, i) => {
      const spec = app.components.get(id)!;
      const v = valueModel(spec, i);
      const p = params[i];
      v.name = unique(p?.name ?? identifier(v.label) ?? `param_${i}`, used);
      v.hasDefault = p?.hasDefault ?? false;
      v.defaultValue = v.hasDefault ? spec.props.value ?? null : undefined;
      v.example = exampleFor(spec);
      return v;
    });
    const returns = e.dep.outputs.map((id, i) =>
      valueModel(app.components.get(id)!, i)
    );
    out.set(e.name, {
      parameters,
      returns,
      visibility: e.alias ? "undocumented" : "public",
      description: e.dep.description,
    });
  }
  return out;
}

/**
 * The `/info` JSON of `app`. As Gradio 6 does, undocumented endpoints (the
 * aliases) are listed only when all endpoints are asked for
 * (`/info?all_endpoints=true`); they stay callable either way.
 */
export function buildApiInfo(
  app: BlocksApp,
  opts: { allEndpoints?: boolean } = {},
): Record<string, unknown> {
  const models = endpointModels(app);
  if (!opts.allEndpoints) {
    for (const [name, m] of models) {
      if (m.visibility !== "public") models.delete(name);
    }
  }
  return apiInfoToWire(models);
}

/**
 * A component's JSON schema as Gradio clients expect it: the kit's FileRef
 * objects are described as Gradio FileData.
 */
export function wireSchema(schema: JsonSchema): JsonSchema {
  if (!isRecord(schema)) return schema;
  if (isRecord(schema.properties) && "path" in schema.properties) {
    return fileDataSchema(
      typeof schema.title === "string" ? schema.title : "FileData",
    );
  }
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (Array.isArray(v)) {
      out[k] = v.map((x) => (isRecord(x) ? wireSchema(x) : x));
    } else if (
      isRecord(v) && k !== "default" && k !== "const" && k !== "examples"
    ) out[k] = wireSchema(v);
    else out[k] = v;
  }
  return out;
}

/** A Python type name for a JSON schema, as `gradio_client` prints it. */
export function pythonType(schema: JsonSchema | undefined): string {
  if (!isRecord(schema)) return "Any";
  if (isRecord(schema.properties) && "path" in schema.properties) {
    return "filepath";
  }
  if (Array.isArray(schema.enum)) {
    return `Literal[${
      schema.enum.map((x) => JSON.stringify(x).replace(/"/g, "'")).join(", ")
    }]`;
  }
  const anyOf = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(anyOf)) {
    return anyOf.map((s) => pythonType(s as JsonSchema)).join(" | ");
  }
  switch (schema.type) {
    case "string":
      return "str";
    case "number":
      return "float";
    case "integer":
      return "int";
    case "boolean":
      return "bool";
    case "null":
      return "None";
    case "array":
      return `list[${pythonType(schema.items as JsonSchema)}]`;
    case "object":
      return "dict";
  }
  return "Any";
}

function valueModel(spec: ComponentSpec, i: number): ApiValueModel {
  let schema: JsonSchema = {};
  try {
    schema = spec.apiInfo();
  } catch { /* a component without a schema: described as Any */ }
  const label = typeof spec.props.label === "string" && spec.props.label
    ? spec.props.label
    : `value_${i}`;
  return {
    label,
    schema: wireSchema(schema),
    pythonType: pythonType(schema),
    pythonDescription: typeof schema.description === "string"
      ? schema.description
      : "",
    component: componentClass(spec.type),
  };
}

function exampleFor(spec: ComponentSpec): unknown {
  let schema: JsonSchema | undefined;
  try {
    schema = spec.apiInfo();
  } catch {
    return null;
  }
  if (schemaHasFiles(schema)) {
    return fileDataExample("photo.jpg");
  }
  const value = spec.props.value;
  if (
    (typeof value === "string" && value !== "") ||
    (typeof value === "number" && value !== 0)
  ) return value;
  let example: unknown;
  try {
    example = JSON.parse(JSON.stringify(spec.examplePayload() ?? null));
  } catch {
    return null;
  }
  // A 0 makes a dull example ("Hello" × 0): pick 3 when the range allows it.
  if (
    example === 0 && typeof schema.maximum === "number" && schema.maximum >= 3
  ) {
    return Math.max(3, typeof schema.minimum === "number" ? schema.minimum : 0);
  }
  return example;
}

function identifier(label: string): string | undefined {
  const s = label.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(
    /^_+|_+$/g,
    "",
  );
  if (!s) return undefined;
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

function unique(name: string, used: Set<string>): string {
  let n = name;
  for (let k = 1; used.has(n); k++) n = `${name}_${k}`;
  used.add(n);
  return n;
}

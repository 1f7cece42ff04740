/**
 * @module
 * The `/info` JSON (`named_endpoints`) from the adapter's endpoint models.
 */
/** One parameter or return value of an endpoint. */
export interface ApiValueModel {
  label: string;
  /** Parameter name (inputs only). */
  name?: string;
  hasDefault?: boolean;
  defaultValue?: unknown;
  schema: Record<string, unknown>;
  pythonType: string;
  pythonDescription: string;
  /** Gradio class name: "Textbox", "Image"… */
  component: string;
  example?: unknown;
}

/** One endpoint of `/info`. */
export interface EndpointModel {
  parameters: ApiValueModel[];
  returns: ApiValueModel[];
  visibility: "public" | "undocumented";
  description?: string;
}

/** The `/info` JSON: `{named_endpoints, unnamed_endpoints}`. */
export function apiInfoToWire(
  endpoints: Map<string, EndpointModel>,
): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const [name, e] of endpoints) {
    named[`/${name}`] = {
      parameters: e.parameters.map((p) => ({
        label: p.label,
        parameter_name: p.name,
        parameter_has_default: p.hasDefault ?? false,
        parameter_default: p.hasDefault ? p.defaultValue ?? null : null,
        type: p.schema,
        python_type: { type: p.pythonType, description: p.pythonDescription },
        component: p.component,
        example_input: p.example ?? null,
      })),
      returns: e.returns.map((r) => ({
        label: r.label,
        type: r.schema,
        python_type: { type: r.pythonType, description: r.pythonDescription },
        component: r.component,
      })),
      show_api: e.visibility === "public",
      api_visibility: e.visibility,
      description: e.description ?? "",
    };
  }
  return { named_endpoints: named, unnamed_endpoints: {} };
}

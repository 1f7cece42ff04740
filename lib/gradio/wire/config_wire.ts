/**
 * @module
 * The app description served at `{P}/config`, from the adapter's camelCase
 * model.
 */
/** A component as the adapter describes it (camelCase). */
export interface ComponentModel {
  id: number;
  type: string;
  props: Record<string, unknown>;
  skipApi: boolean;
  apiInfo?: Record<string, unknown>;
  exampleInputs?: unknown;
}

/** A dependency (event listener) as the adapter describes it. */
export interface DependencyModel {
  id: number;
  targets: [number, string][];
  inputs: number[];
  outputs: number[];
  apiName: string | null;
  queue: boolean;
  showApi: boolean;
  visibility: "public" | "undocumented" | "private";
  description?: string;
  timeLimitS: number | null;
  concurrencyLimit: number;
  /** A browser-side function (Gradio's `js=`); without a backend function when `backendFn` is false. */
  js?: string;
  /** Whether the server runs a function for it. Default true. */
  backendFn?: boolean;
}

/** A layout node: ids only. */
export interface LayoutModel {
  id: number;
  children?: LayoutModel[];
}

/** The whole app description served at `{P}/config`. */
export interface ConfigModel {
  version: string;
  mode: "blocks" | "interface";
  title: string;
  description?: string;
  root: string;
  apiPrefix: string;
  components: ComponentModel[];
  dependencies: DependencyModel[];
  layout: LayoutModel;
  maxFileSize: number;
  appId: number;
  /** SHA-256 of `{root}/theme.css`. */
  themeHash: string;
  /** The theme's body colours (light and `_dark`), as Gradio computes them. */
  bodyCss: Record<string, string>;
}

/** The `/config` JSON. */
export function configToWire(c: ConfigModel): Record<string, unknown> {
  const componentIds = c.components.map((x) => x.id);
  const dependencyIds = c.dependencies.map((d) => d.id);
  return {
    version: c.version,
    mode: c.mode,
    app_id: c.appId,
    dev_mode: false,
    analytics_enabled: false,
    components: c.components.map((x) => ({
      id: x.id,
      type: x.type,
      props: { ...x.props, name: x.type },
      skip_api: x.skipApi,
      component_class_id: x.type,
      key: null,
      ...(x.apiInfo ? { api_info: x.apiInfo } : {}),
      ...(x.exampleInputs !== undefined
        ? { example_inputs: x.exampleInputs }
        : {}),
    })),
    css: null,
    connect_heartbeat: false,
    js: null,
    head: null,
    title: c.title,
    space_id: null,
    enable_queue: true,
    show_error: true,
    show_api: true,
    is_colab: false,
    max_file_size: c.maxFileSize,
    stylesheets: [],
    theme: "default",
    protocol: "sse_v3",
    body_css: c.bodyCss,
    fill_height: false,
    fill_width: false,
    theme_hash: c.themeHash,
    footer_links: ["api", "gradio", "settings"],
    run_history: false,
    vibe_mode: false,
    pwa: false,
    mcp_server: false,
    i18n_translations: null,
    layout: c.layout,
    dependencies: c.dependencies.map((d) => ({
      id: d.id,
      targets: d.targets,
      inputs: d.inputs,
      outputs: d.outputs,
      backend_fn: d.backendFn ?? true,
      js: d.js ?? null,
      queue: d.queue,
      api_name: d.apiName,
      api_description: d.description ?? null,
      scroll_to_output: false,
      show_progress: "full",
      batch: false,
      max_batch_size: 4,
      cancels: [],
      types: { generator: false, cancel: false },
      collects_event_data: false,
      trigger_after: null,
      trigger_only_on_success: false,
      trigger_mode: "once",
      show_api: d.showApi,
      api_visibility: d.visibility,
      zerogpu: false,
      rendered_in: null,
      connection: "sse",
      time_limit: d.timeLimitS,
      stream_every: 0.5,
      like_user_message: false,
      event_specific_args: null,
      concurrency_limit: d.concurrencyLimit,
    })),
    root: c.root,
    api_prefix: c.apiPrefix,
    username: null,
    auth_required: false,
    current_page: "",
    page: {
      "": {
        components: componentIds,
        dependencies: dependencyIds,
        layout: c.layout,
      },
    },
    pages: [["", "Home"]],
  };
}

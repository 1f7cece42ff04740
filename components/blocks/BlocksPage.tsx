/**
 * @module
 * Renders a declared Blocks app as a page: the layout tree as rows and
 * columns, each component as its widget — an island when it can change in
 * the browser (editable, written by an event, or triggering one), plain HTML
 * otherwise. One signal per component value is shared by every island that
 * reads or writes it, so a button's island can post its inputs and fill its
 * outputs.
 */
import type { ComponentChildren, ComponentType, VNode } from "preact";
import { type Signal, signal } from "@preact/signals";
import { asset, Head } from "fresh/runtime";
import type { Dependency, LayoutNode } from "../../lib/blocks/blocks.ts";
import type { BlocksApp } from "../../lib/blocks/blocks_app.ts";
import { apiDoc } from "../../lib/blocks/docs.ts";
import type {
  ClientDep,
  ClientEvents,
  Status,
  WidgetProps,
} from "./client_types.ts";
import type { IslandProps } from "./bind.tsx";
import { TextboxWidget } from "./Textbox.tsx";
import { NumberWidget } from "./Number.tsx";
import { SliderWidget } from "./Slider.tsx";
import { RadioWidget } from "./Radio.tsx";
import { DropdownWidget } from "./Dropdown.tsx";
import { CheckboxWidget } from "./Checkbox.tsx";
import { ButtonWidget } from "./Button.tsx";
import { MarkdownWidget } from "./Markdown.tsx";
import { LabelWidget } from "./Label.tsx";
import { JsonWidget } from "./Json.tsx";
import { DataframeWidget } from "./Dataframe.tsx";
import { FileWidget } from "./File.tsx";
import { ImageWidget } from "./Image.tsx";
import { AudioWidget } from "./Audio.tsx";
import { VideoWidget } from "./Video.tsx";
import { SketchpadWidget } from "./Sketchpad.tsx";
import { GalleryWidget } from "./Gallery.tsx";
import { ExamplesWidget } from "./Examples.tsx";
import TextboxIsland from "../../islands/blocks/Textbox.tsx";
import NumberIsland from "../../islands/blocks/Number.tsx";
import SliderIsland from "../../islands/blocks/Slider.tsx";
import RadioIsland from "../../islands/blocks/Radio.tsx";
import DropdownIsland from "../../islands/blocks/Dropdown.tsx";
import CheckboxIsland from "../../islands/blocks/Checkbox.tsx";
import ButtonIsland from "../../islands/blocks/Button.tsx";
import MarkdownIsland from "../../islands/blocks/Markdown.tsx";
import LabelIsland from "../../islands/blocks/Label.tsx";
import JsonIsland from "../../islands/blocks/Json.tsx";
import DataframeIsland from "../../islands/blocks/Dataframe.tsx";
import FileIsland from "../../islands/blocks/File.tsx";
import ImageIsland from "../../islands/blocks/Image.tsx";
import AudioIsland from "../../islands/blocks/Audio.tsx";
import VideoIsland from "../../islands/blocks/Video.tsx";
import SketchpadIsland from "../../islands/blocks/Sketchpad.tsx";
import GalleryIsland from "../../islands/blocks/Gallery.tsx";
import ExamplesIsland from "../../islands/blocks/Examples.tsx";

// deno-lint-ignore no-explicit-any
type Widget = ComponentType<WidgetProps<any>>;

/** Widget (server HTML) and island (browser) per kit kind. */
export const WIDGETS: Record<string, [Widget, ComponentType<IslandProps>]> = {
  textbox: [TextboxWidget, TextboxIsland],
  textarea: [TextboxWidget, TextboxIsland],
  number: [NumberWidget, NumberIsland],
  slider: [SliderWidget, SliderIsland],
  radio: [RadioWidget, RadioIsland],
  dropdown: [DropdownWidget, DropdownIsland],
  checkbox: [CheckboxWidget, CheckboxIsland],
  button: [ButtonWidget, ButtonIsland],
  markdown: [MarkdownWidget, MarkdownIsland],
  label: [LabelWidget, LabelIsland],
  json: [JsonWidget, JsonIsland],
  dataframe: [DataframeWidget, DataframeIsland],
  file: [FileWidget, FileIsland],
  image: [ImageWidget, ImageIsland],
  audio: [AudioWidget, AudioIsland],
  microphone: [AudioWidget, AudioIsland],
  video: [VideoWidget, VideoIsland],
  sketchpad: [SketchpadWidget, SketchpadIsland],
  gallery: [GalleryWidget, GalleryIsland],
  examples: [ExamplesWidget, ExamplesIsland],
};

/** The page's shared state, for islands composed next to the kit's. */
export interface KitHandles {
  /** The value signal of component `id` (shared with its island). */
  value(id: number): Signal<unknown>;
  /** The status signal of a binding. */
  status(dep: Dependency): Signal<Status>;
  /** The URL the browser posts a binding's inputs to. */
  api(dep: Dependency): string;
}

/** Props of {@link BlocksView} and {@link BlocksPage}. */
export interface BlocksPageProps {
  app: BlocksApp;
  /** Where the app is mounted: `""` or `/demos/x`. */
  root: string;
  /**
   * Extra content after the layout, given the page's signals — e.g. an
   * app-specific island that reads the kit's inputs and outputs.
   */
  extras?: (kit: KitHandles) => ComponentChildren;
}

/**
 * The app's component tree (no page chrome); usable inside other pages.
 *
 * @example
 * ```tsx
 * <BlocksView app={demo} root="/demos/blocks" />
 * ```
 */
export function BlocksView({ app, root, extras }: BlocksPageProps) {
  const values = new Map<number, Signal<unknown>>();
  for (const [id, spec] of app.components) {
    values.set(id, signal(spec.props.value ?? null));
  }
  const statuses = new Map<number, Signal<Status>>();
  for (const d of app.dependencies) {
    statuses.set(d.id, signal<Status>({ pending: false, error: null }));
  }
  const sig = (id: number) => values.get(id)!;
  const apiOf = (d: Dependency) => `${root}/api/${d.apiName ?? `_fn/${d.id}`}`;
  const clientDep = (d: Dependency): ClientDep => ({
    api: apiOf(d),
    inputs: d.inputs.map(sig),
    outputs: d.outputs.map(sig),
    status: statuses.get(d.id)!,
  });

  const renderComponent = (id: number): VNode => {
    const spec = app.components.get(id)!;
    const kind = spec.kind ?? spec.type;
    const entry = WIDGETS[kind];
    if (!entry) throw new Error(`No widget for component kind "${kind}"`);
    const [Widget, Island] = entry;
    const events: ClientEvents = {};
    for (const d of app.dependencies) {
      for (const t of d.targets) {
        if (t.id === id) (events[t.event] ??= []).push(clientDep(d));
      }
    }
    const writers = app.dependencies.filter((d) => d.outputs.includes(id)).map((
      d,
    ) => statuses.get(d.id)!);
    const targetIds = (spec.props.clears ?? spec.props.components) as
      | number[]
      | undefined;
    const interactive = app.isInteractive(id);
    const live = Object.keys(events).length > 0 || writers.length > 0 ||
      targetIds !== undefined ||
      (interactive && kind !== "button");
    const base = { id: `c${id}`, kind, props: spec.props, interactive, root };
    if (!live) {
      return <Widget key={id} {...base} value={spec.props.value ?? null} />;
    }
    return (
      <Island
        key={id}
        {...base}
        value={sig(id)}
        events={Object.keys(events).length ? events : undefined}
        writers={writers.length ? writers : undefined}
        targets={targetIds?.map(sig)}
        initial={targetIds?.map((t) =>
          app.components.get(t)?.props.value ?? null
        )}
      />
    );
  };

  const renderNode = (node: LayoutNode): VNode => {
    if (node.kind === "component") return renderComponent(node.id);
    const scale = node.props.scale as number | undefined;
    const minWidth = node.props.minWidth as number | undefined;
    const style = [
      scale !== undefined ? `flex-grow:${scale}` : "",
      minWidth ? `min-width:${minWidth}px` : "",
    ].filter(Boolean).join(";");
    return (
      <div
        key={`n${node.id}`}
        class={`bk-${node.type}${
          node.props.variant ? ` bk-${node.props.variant}` : ""
        }`}
        data-component={node.type}
        style={style || undefined}
      >
        {node.children.map(renderNode)}
      </div>
    );
  };
  const tree = renderNode(app.layout);
  if (!extras) return tree;
  return (
    <>
      {tree}
      {extras({ value: sig, status: (d) => statuses.get(d.id)!, api: apiOf })}
    </>
  );
}

/**
 * A full kit page: title, the app, and a "Use via API" section.
 *
 * @example
 * ```tsx
 * <BlocksPage app={mounted.app} root={mounted.path} />
 * ```
 */
export function BlocksPage({ app, root }: BlocksPageProps) {
  const doc = apiDoc(app, root);
  // Every page has a top heading: the app's own Markdown "# …", else its title
  // for screen readers.
  const hasTitle = [...app.components.values()].some((c) =>
    (c.kind ?? c.type) === "markdown" &&
    /^# /m.test(String(c.props.value ?? ""))
  );
  return (
    <>
      <Head>
        <title>{app.title}</title>
        <link key="blocks-css" rel="stylesheet" href={asset("/blocks.css")} />
      </Head>
      <main class="bk-page">
        {!hasTitle && <h1 class="visually-hidden">{app.title}</h1>}
        <BlocksView app={app} root={root} />
        {doc.endpoints.length > 0 && (
          <details class="bk-api">
            <summary>Use via API</summary>
            <p>
              POST JSON <code>{'{"data": [...]}'}</code>{" "}
              to an endpoint; it answers{" "}
              <code>{'{"data": [...], "duration": s}'}</code>. Upload files
              first to <code>{doc.upload}</code> (multipart field{" "}
              <code>files</code>) and pass the returned{" "}
              <code>{"{path}"}</code>. Full description:{" "}
              <a href={`${root}/api`}>{root}/api</a>.
            </p>
            {doc.endpoints.map((e) => (
              <section key={e.name}>
                <h2 class="bk-api-name">
                  <code>{e.path}</code>
                </h2>
                <p>
                  Parameters:{" "}
                  {e.parameters.map((p) => `${p.label} (${p.component})`).join(
                    ", ",
                  ) || "none"} — returns: {e.returns.map((p) =>
                    `${p.label} (${p.component})`
                  ).join(
                    ", ",
                  ) || "nothing"}
                </p>
                <pre class="bk-json">{e.curl}</pre>
              </section>
            ))}
          </details>
        )}
        <p class="bk-footer-links">
          <a href={`${root}/api-docs`}>Use via API</a> ·{" "}
          <a href="/demos">All demos</a> ·{" "}
          <a href="/" aria-current="false">Pet segmentation</a>
        </p>
      </main>
    </>
  );
}

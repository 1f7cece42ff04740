/**
 * @module
 * The Blocks kit, server side: declare an app with {@link blocks} (layout +
 * events) or {@link Interface}, from the components below.
 *
 * @example
 * ```ts
 * import { blocks, button, slider, textArea, textbox } from "./lib/blocks/mod.ts";
 * export default blocks({ title: "Greet" }, (b) => {
 *   const name = b.add(textbox({ label: "Enter your name" }));
 *   const intensity = b.add(slider({ minimum: 1, maximum: 20, step: 2 }));
 *   const out = b.add(textArea({ label: "Greeting" }));
 *   b.add(button("Send hello")).click(greet, [name, intensity], out);
 * });
 * ```
 */
export { blocks, BlocksBuilder } from "./blocks.ts";
export { BlocksApp } from "./blocks_app.ts";
export type {
  BlocksFn,
  BlocksOptions,
  Dependency,
  Handle,
  LayoutNode,
  ListenerOptions,
} from "./blocks.ts";
export { Interface, type InterfaceOptions, shortcut } from "./interface.ts";
export { markdown, number, textArea, textbox } from "./text.ts";
export { checkbox, dropdown, radio, slider } from "./choice.ts";
export { audio, file, image, microphone, sketchpad, video } from "./media.ts";
export { gallery } from "./gallery.ts";
export { dataframe, json, label } from "./data.ts";
export { button } from "./button.ts";
export type { FileResult, FileValue } from "./component.ts";
export {
  BlocksError,
  BlocksInputError,
  type ComponentSpec,
  type FileRef,
  type RunContext,
} from "./types.ts";

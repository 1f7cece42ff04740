import {
  blocks,
  button,
  slider,
  textArea,
  textbox,
} from "../lib/blocks/mod.ts";
import { greet } from "./greet.ts";

/** `/demos/blocks`: the seed's Blocks demo. */
export const greetBlocks = () =>
  blocks({ title: "Greet (Blocks)" }, (b) => {
    const name = b.add(textbox({ label: "Enter your name" }));
    const intensity = b.add(slider({ minimum: 1, maximum: 20, step: 2 }));
    const greetButton = b.add(button("Send hello"));
    const output = b.add(textArea({ label: "Greeting" }));
    greetButton.click(greet, [name, intensity], output);
  });

import {
  blocks,
  button,
  slider,
  textArea,
  textbox,
} from "../lib/blocks/mod.ts";
import { greet } from "./greet.ts";

/** `/demos/row`: name and intensity side by side in one row. */
export const greetRow = () =>
  blocks({ title: "Greet (Row)" }, (b) => {
    const [name, intensity] = b.row(() => [
      b.add(textbox({ label: "Enter your name" })),
      b.add(slider({ label: "Intensity", minimum: 1, maximum: 20, step: 2 })),
    ]);
    const greetButton = b.add(button("Send hello"));
    const output = b.add(textArea({ label: "Greeting" }));
    greetButton.click(greet, [name, intensity], output);
  });

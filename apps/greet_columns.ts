import {
  blocks,
  button,
  slider,
  textArea,
  textbox,
} from "../lib/blocks/mod.ts";
import { greet } from "./greet.ts";

/** `/demos/columns`: inputs in the left column, button and greeting in the right (as in the seed). */
export const greetColumns = () =>
  blocks({ title: "Greet (Columns)" }, (b) => {
    b.row(() => {
      const [name, intensity] = b.column(() => [
        b.add(textbox({ label: "Enter your name" })),
        b.add(slider({ label: "Intensity", minimum: 1, maximum: 20, step: 2 })),
      ]);
      b.column(() => {
        const greetButton = b.add(button("Send hello"));
        const output = b.add(textArea({ label: "Greeting" }));
        greetButton.click(greet, [name, intensity], output);
      });
    });
  });

import { Interface } from "../lib/blocks/mod.ts";
import { greet } from "./greet.ts";

/** `/demos/interface`: the seed's first demo, `gr.Interface(fn=greet, inputs=["text", "slider"], outputs=["text"])`. */
export const greetInterface = () =>
  Interface({
    fn: greet,
    inputs: ["text", "slider"],
    outputs: ["text"],
    title: "Greet (Interface)",
    aliases: ["predict"],
  });

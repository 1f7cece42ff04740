import { createDefine } from "../../mod.ts";

export interface State {
  trail: string[];
}

export const define = createDefine<State>();

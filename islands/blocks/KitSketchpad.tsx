import { makeIsland } from "../../components/blocks/bind.tsx";
import { Sketchpad } from "../../components/blocks/Sketchpad.tsx";

/** Island: the kit's Sketchpad bound to its value signal and events. */
export default makeIsland(Sketchpad);

import { makeIsland } from "../../components/blocks/bind.tsx";
import { SketchpadWidget } from "../../components/blocks/Sketchpad.tsx";

/** Island: the kit's Sketchpad bound to its value signal and events. */
export default makeIsland(SketchpadWidget);

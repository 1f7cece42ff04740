import { makeIsland } from "../../components/blocks/bind.tsx";
import { LabelWidget } from "../../components/blocks/Label.tsx";

/** Island: the kit's Label bound to its value signal and events. */
export default makeIsland(LabelWidget);

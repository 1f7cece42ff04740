import { makeIsland } from "../../components/blocks/bind.tsx";
import { Checkbox } from "../../components/blocks/Checkbox.tsx";

/** Island: the kit's Checkbox bound to its value signal and events. */
export default makeIsland(Checkbox);

import { makeIsland } from "../../components/blocks/bind.tsx";
import { CheckboxWidget } from "../../components/blocks/Checkbox.tsx";

/** Island: the kit's Checkbox bound to its value signal and events. */
export default makeIsland(CheckboxWidget);

import { makeIsland } from "../../components/blocks/bind.tsx";
import { NumberField } from "../../components/blocks/NumberField.tsx";

/** Island: the kit's Number bound to its value signal and events. */
export default makeIsland(NumberField);

import { makeIsland } from "../../components/blocks/bind.tsx";
import { NumberWidget } from "../../components/blocks/Number.tsx";

/** Island: the kit's Number bound to its value signal and events. */
export default makeIsland(NumberWidget);

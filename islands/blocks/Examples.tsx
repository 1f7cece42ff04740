import { makeIsland } from "../../components/blocks/bind.tsx";
import { ExamplesWidget } from "../../components/blocks/Examples.tsx";

/** Island: the kit's Examples bound to its value signal and events. */
export default makeIsland(ExamplesWidget);

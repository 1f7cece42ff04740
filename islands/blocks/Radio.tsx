import { makeIsland } from "../../components/blocks/bind.tsx";
import { RadioWidget } from "../../components/blocks/Radio.tsx";

/** Island: the kit's Radio bound to its value signal and events. */
export default makeIsland(RadioWidget);

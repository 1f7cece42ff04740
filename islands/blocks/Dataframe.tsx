import { makeIsland } from "../../components/blocks/bind.tsx";
import { DataframeWidget } from "../../components/blocks/Dataframe.tsx";

/** Island: the kit's Dataframe bound to its value signal and events. */
export default makeIsland(DataframeWidget);

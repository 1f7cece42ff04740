import { makeIsland } from "../../components/blocks/bind.tsx";
import { VideoField } from "../../components/blocks/VideoField.tsx";

/** Island: the kit's Video bound to its value signal and events. */
export default makeIsland(VideoField);

import { makeIsland } from "../../components/blocks/bind.tsx";
import { VideoWidget } from "../../components/blocks/Video.tsx";

/** Island: the kit's Video bound to its value signal and events. */
export default makeIsland(VideoWidget);

import { makeIsland } from "../../components/blocks/bind.tsx";
import { AudioWidget } from "../../components/blocks/Audio.tsx";

/** Island: the kit's Audio bound to its value signal and events. */
export default makeIsland(AudioWidget);

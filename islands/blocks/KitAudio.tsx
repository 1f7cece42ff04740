import { makeIsland } from "../../components/blocks/bind.tsx";
import { AudioField } from "../../components/blocks/AudioField.tsx";

/** Island: the kit's Audio bound to its value signal and events. */
export default makeIsland(AudioField);

import { makeIsland } from "../../components/blocks/bind.tsx";
import { Textbox } from "../../components/blocks/Textbox.tsx";

/** Island: the kit's Textbox bound to its value signal and events. */
export default makeIsland(Textbox);

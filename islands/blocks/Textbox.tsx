import { makeIsland } from "../../components/blocks/bind.tsx";
import { TextboxWidget } from "../../components/blocks/Textbox.tsx";

/** Island: the kit's Textbox bound to its value signal and events. */
export default makeIsland(TextboxWidget);

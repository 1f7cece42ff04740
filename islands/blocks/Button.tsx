import { makeIsland } from "../../components/blocks/bind.tsx";
import { ButtonWidget } from "../../components/blocks/Button.tsx";

/** Island: the kit's Button bound to its value signal and events. */
export default makeIsland(ButtonWidget);

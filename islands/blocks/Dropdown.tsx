import { makeIsland } from "../../components/blocks/bind.tsx";
import { DropdownWidget } from "../../components/blocks/Dropdown.tsx";

/** Island: the kit's Dropdown bound to its value signal and events. */
export default makeIsland(DropdownWidget);

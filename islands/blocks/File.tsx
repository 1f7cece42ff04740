import { makeIsland } from "../../components/blocks/bind.tsx";
import { FileWidget } from "../../components/blocks/File.tsx";

/** Island: the kit's File bound to its value signal and events. */
export default makeIsland(FileWidget);

import { makeIsland } from "../../components/blocks/bind.tsx";
import { FileField } from "../../components/blocks/FileField.tsx";

/** Island: the kit's File bound to its value signal and events. */
export default makeIsland(FileField);

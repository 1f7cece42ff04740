import { makeIsland } from "../../components/blocks/bind.tsx";
import { ImageField } from "../../components/blocks/ImageField.tsx";

/** Island: the kit's Image bound to its value signal and events. */
export default makeIsland(ImageField);

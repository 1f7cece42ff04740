import { makeIsland } from "../../components/blocks/bind.tsx";
import { ImageWidget } from "../../components/blocks/Image.tsx";

/** Island: the kit's Image bound to its value signal and events. */
export default makeIsland(ImageWidget);

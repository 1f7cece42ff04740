import { makeIsland } from "../../components/blocks/bind.tsx";
import { Gallery } from "../../components/blocks/Gallery.tsx";

/** Island: the kit's Gallery bound to its value signal and events. */
export default makeIsland(Gallery);

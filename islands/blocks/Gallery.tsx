import { makeIsland } from "../../components/blocks/bind.tsx";
import { GalleryWidget } from "../../components/blocks/Gallery.tsx";

/** Island: the kit's Gallery bound to its value signal and events. */
export default makeIsland(GalleryWidget);

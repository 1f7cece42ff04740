import { makeIsland } from "../../components/blocks/bind.tsx";
import { Markdown } from "../../components/blocks/Markdown.tsx";

/** Island: the kit's Markdown bound to its value signal and events. */
export default makeIsland(Markdown);

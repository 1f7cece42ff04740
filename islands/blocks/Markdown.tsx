import { makeIsland } from "../../components/blocks/bind.tsx";
import { MarkdownWidget } from "../../components/blocks/Markdown.tsx";

/** Island: the kit's Markdown bound to its value signal and events. */
export default makeIsland(MarkdownWidget);

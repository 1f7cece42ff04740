import { makeIsland } from "../../components/blocks/bind.tsx";
import { JsonWidget } from "../../components/blocks/Json.tsx";

/** Island: the kit's Json bound to its value signal and events. */
export default makeIsland(JsonWidget);

import { makeIsland } from "../../components/blocks/bind.tsx";
import { SliderWidget } from "../../components/blocks/Slider.tsx";

/** Island: the kit's Slider bound to its value signal and events. */
export default makeIsland(SliderWidget);

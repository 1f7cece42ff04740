/**
 * @module
 * The example photos shipped in `static/examples/` (Oxford-IIIT Pet, CC BY-SA 4.0).
 */
/** A clickable example photo. */
export interface Example {
  src: string;
  label: string;
}

/** Clickable examples on the app page. */
export const EXAMPLES: Example[] = [
  { src: "/examples/Abyssinian_105.jpg", label: "Abyssinian cat" },
  { src: "/examples/Bengal_110.jpg", label: "Bengal cat" },
  { src: "/examples/american_bulldog_110.jpg", label: "American bulldog" },
  { src: "/examples/Abyssinian_140.jpg", label: "Abyssinian cat, lying" },
];

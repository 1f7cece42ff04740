import {
  type ComponentChildren,
  createContext,
  h,
  toChildArray,
  type VNode,
} from "preact";
import { useEffect } from "preact/hooks";

/** `true` below a {@link Head} (read by the server's head-tag hook). */
export const HeadContext = createContext(false);

/** Props of {@link Head}. */
export interface HeadProps {
  /** Elements such as `<title>`, `<meta>`, `<link>` for the document head. */
  children?: ComponentChildren;
}

const IN_BROWSER = typeof document !== "undefined";

/**
 * Put `<title>`, `<meta>`, `<link>`… into the document `<head>` from any
 * page, layout or island, as Fresh does. On the server each tag inside
 * `Head` takes the place of the document's tag with the same key (its
 * `key`, `"title"` for a title, else its tag and attributes — without
 * `href` for a `<link>` and `content` for a `<meta>`); the others go at
 * the end of `<head>`. Give tags that must not replace each other (two
 * stylesheets) distinct `key`s. In the browser only `<title>` is kept in
 * sync.
 *
 * @example
 * ```tsx
 * import { Head } from "fresh/runtime";
 * export default () => (
 *   <>
 *     <Head>
 *       <title>About</title>
 *       <link key="page-css" rel="stylesheet" href="/page.css" />
 *     </Head>
 *     <h1>About</h1>
 *   </>
 * );
 * ```
 */
// deno-lint-ignore no-explicit-any
export function Head({ children }: HeadProps): VNode<any> | null {
  const title = toChildArray(children).find((c): c is VNode =>
    typeof c === "object" && c !== null && (c as VNode).type === "title"
  );
  const text = title
    ? toChildArray((title.props as { children?: ComponentChildren }).children)
      .join("")
    : null;
  useEffect(() => {
    if (text !== null) document.title = text;
  }, [text]);
  if (IN_BROWSER) return null;
  return h(HeadContext.Provider, { value: true }, children);
}

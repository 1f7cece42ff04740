import { type ComponentChildren, toChildArray, type VNode } from "preact";
import { useEffect } from "preact/hooks";

/** Where the server collects `<Head>` children during one render. */
export const HEAD_SINK: { current: VNode[] | null } = { current: null };

/** Props of {@link Head}. */
export interface HeadProps {
  /** Elements such as `<title>`, `<meta>`, `<link>` for the document head. */
  children?: ComponentChildren;
}

/**
 * Put `<title>`, `<meta>`, `<link>`… into the document `<head>` from any
 * page, layout or island. On the server the children are moved into the
 * rendered `<head>` (replacing a `<title>`, or a `<meta>` with the same
 * `name`/`property`); in the browser only `<title>` is kept in sync.
 *
 * @example
 * ```tsx
 * import { Head } from "fresh/runtime";
 * export default () => <><Head><title>About</title></Head><h1>About</h1></>;
 * ```
 */
export function Head({ children }: HeadProps): null {
  const nodes = toChildArray(children).filter((c): c is VNode =>
    typeof c === "object" && c !== null
  );
  if (HEAD_SINK.current) HEAD_SINK.current.push(...nodes);
  const title = nodes.find((n) => n.type === "title");
  const text = title
    ? toChildArray((title.props as { children?: ComponentChildren }).children)
      .join("")
    : null;
  useEffect(() => {
    if (text !== null) document.title = text;
  }, [text]);
  return null;
}

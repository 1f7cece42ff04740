import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";
import { renderMarkdown } from "./markdown.ts";

/** Markdown: formatted text (HTML in the source is escaped, never rendered). */
export function MarkdownWidget(p: WidgetProps<string>) {
  return (
    <Block {...p} props={{ ...p.props, label: undefined }}>
      <div
        class="bk-prose"
        dangerouslySetInnerHTML={{
          __html: renderMarkdown(String(p.value ?? "")),
        }}
      />
    </Block>
  );
}

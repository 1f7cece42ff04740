import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

/** JSON: any JSON value, pretty-printed. */
export function JsonWidget(p: WidgetProps<unknown>) {
  const id = `${p.id}-json`;
  return (
    <Block {...p} props={{ ...p.props, label: undefined }}>
      <p class="bk-label" id={`${id}-label`}>
        {(p.props.label as string | undefined) ?? "JSON"}
      </p>
      <pre
        class="bk-json"
        id={id}
        aria-labelledby={`${id}-label`}
        tabIndex={0}
      >{JSON.stringify(p.value ?? null, null, 2)}</pre>
    </Block>
  );
}

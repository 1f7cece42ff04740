import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

interface LabelValue {
  label: string | null;
  confidences?: { label: string; confidence: number }[];
}

/** Label: the top class as a heading, then one bar per class with its confidence. */
export function LabelWidget(p: WidgetProps<LabelValue | null>) {
  const v = p.value;
  const headingId = `${p.id}-label`;
  const color = p.props.color as string | undefined;
  return (
    <Block {...p} props={{ ...p.props, label: undefined }}>
      <p class="bk-label" id={headingId}>
        {(p.props.label as string | undefined) ?? "Label"}
      </p>
      <output class="bk-label-top" aria-labelledby={headingId}>
        {v?.label ?? "—"}
      </output>
      {v?.confidences && (
        <ul class="bk-confidences">
          {v.confidences.map((c) => (
            <li key={c.label} class="bk-confidence">
              <span class="bk-confidence-name">{c.label}</span>
              <span
                class="bk-bar"
                role="meter"
                aria-label={c.label}
                aria-valuemin={0}
                aria-valuemax={1}
                aria-valuenow={c.confidence}
              >
                <span
                  style={`width:${
                    Math.round(Math.max(0, Math.min(1, c.confidence)) * 100)
                  }%${color ? `;background:${color}` : ""}`}
                />
              </span>
              <span class="bk-confidence-value">
                {Math.round(c.confidence * 100)}%
              </span>
            </li>
          ))}
        </ul>
      )}
    </Block>
  );
}

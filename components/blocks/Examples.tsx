import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

/** Examples: a table of sample inputs; choosing a row copies it into the inputs. */
export function ExamplesWidget(p: WidgetProps<unknown>) {
  const samples = (p.props.samples as unknown[][] | undefined) ?? [];
  const headers = p.props.headers as string[] | undefined;
  const label = (p.props.label as string | undefined) ?? "Examples";
  const show = (v: unknown) =>
    typeof v === "string" || typeof v === "number" || typeof v === "boolean"
      ? String(v)
      : v === null
      ? ""
      : "…";
  return (
    <Block {...p} props={{ ...p.props, label: undefined }}>
      <p class="bk-label" id={`${p.id}-label`}>{label}</p>
      <table class="bk-table bk-examples" aria-labelledby={`${p.id}-label`}>
        {headers && (
          <thead>
            <tr>{headers.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
          </thead>
        )}
        <tbody>
          {samples.map((row, r) => (
            <tr key={r}>
              {row.map((v, c) => (
                <td key={c}>
                  {c === 0
                    ? (
                      <button
                        type="button"
                        class="bk-link"
                        disabled={!p.hydrated}
                        aria-label={`Use example ${r + 1}: ${
                          row.map(show).join(", ")
                        }`}
                        onClick={() =>
                          p.targets?.forEach((s, i) => s.value = row[i])}
                      >
                        {show(v)}
                      </button>
                    )
                    : show(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Block>
  );
}

import type { WidgetProps } from "./client_types.ts";
import { Block } from "./Block.tsx";

type Cell = string | number | boolean | null;
interface Table {
  headers: string[];
  data: Cell[][];
}

/** Dataframe: a table; when interactive every cell is an input and rows can be added. */
export function DataframeWidget(p: WidgetProps<Table | null>) {
  const label = (p.props.label as string | undefined) ?? "Table";
  const headers = p.value?.headers?.length
    ? p.value.headers
    : (p.props.headers as string[] | undefined) ?? [];
  const width = Math.max(
    headers.length,
    ...(p.value?.data ?? []).map((r) => r.length),
    1,
  );
  const minRows = p.interactive
    ? (p.props.row_count as number | undefined) ?? 3
    : 0;
  const data = [...(p.value?.data ?? [])];
  while (data.length < minRows) data.push(new Array(width).fill(""));
  const numeric = (i: number) => {
    const t = p.props.datatype;
    return (Array.isArray(t) ? t[i] : t) === "number";
  };
  const setCell = (r: number, c: number, text: string) => {
    const rows = data.map((row) => [...row]);
    rows[r][c] = numeric(c) && text !== "" && Number.isFinite(Number(text))
      ? Number(text)
      : text;
    p.onChange?.({ headers, data: rows });
  };
  const captionId = `${p.id}-caption`;
  return (
    <Block {...p} props={{ ...p.props, label: undefined }}>
      <div class="bk-table-wrap">
        <table class="bk-table" aria-labelledby={captionId}>
          <caption id={captionId} class="bk-label">{label}</caption>
          {headers.length > 0 && (
            <thead>
              <tr>{headers.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
            </thead>
          )}
          <tbody>
            {data.map((row, r) => (
              <tr key={r}>
                {Array.from({ length: width }, (_, c) => (
                  <td key={c}>
                    {p.interactive
                      ? (
                        <input
                          class="bk-cell"
                          aria-label={`${
                            headers[c] ?? `Column ${c + 1}`
                          }, row ${r + 1}`}
                          inputMode={numeric(c) ? "decimal" : undefined}
                          value={row[c] === null || row[c] === undefined
                            ? ""
                            : String(row[c])}
                          onChange={(e) => setCell(r, c, e.currentTarget.value)}
                        />
                      )
                      : row[c] === null || row[c] === undefined
                      ? ""
                      : String(row[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.interactive && (
        <button
          type="button"
          class="bk-link"
          onClick={() =>
            p.onChange?.({
              headers,
              data: [...data, new Array(width).fill("")],
            })}
        >
          + Add row
        </button>
      )}
    </Block>
  );
}

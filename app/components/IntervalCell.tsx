// A table cell with an estimate and its interval beneath it ("—" when there is none).
import { formatInterval, formatIntervalParts, type IntervalValue } from "../lib/format";

export function IntervalCell({ value, digits = 2, note }: { value: IntervalValue | null | undefined; digits?: number; note?: string | null }) {
  if (!value) return <td className="num">—</td>;
  const [estimate, low, high] = formatIntervalParts(value, digits);
  return (
    <td className="num" title={formatInterval(value, digits)}>
      {estimate}
      <div className="muted small interval">
        [{low}, {high}]
      </div>
      {note ? <div className="muted small note">{note}</div> : null}
    </td>
  );
}

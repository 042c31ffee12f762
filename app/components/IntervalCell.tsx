// A table cell with an estimate and its interval beneath it; the bare `estimate` where the interval
// is undefined, "—" when there is neither.
import { formatInterval, formatIntervalParts, formatNum, type IntervalValue } from "../lib/format";

export function IntervalCell({
  value,
  digits = 2,
  note,
  estimate: bare,
}: {
  value: IntervalValue | null | undefined;
  digits?: number;
  note?: string | null;
  estimate?: number | null;
}) {
  if (!value) return <td className="num">{formatNum(bare, digits)}</td>;
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

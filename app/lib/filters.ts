// What a filter bar's controls hold, and the query string they stand for (FilterBar).

/** A select's value, or the checked values of a checkbox group; keyed by the control's name. */
export type FilterValues = Record<string, string | string[]>;

export interface FilterFieldShape {
  kind: "select" | "checkboxes";
  name: string;
  options: { value: string }[];
  /** Fields whose change makes this one's choice meaningless (a model pair after the models
   * change): the choice is then dropped, and the view picks its default again. */
  resetWith?: string[];
}

/** Filter values -> query string: checkbox values comma-joined, a full selection dropped (it is
 * the default), empty values dropped; `keep` (parameters the bar does not show) follows. */
export function filterQuery(fields: FilterFieldShape[], values: FilterValues, keep: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === "checkboxes") {
      const checked = field.options.map((o) => o.value).filter((v) => Array.isArray(value) && value.includes(v));
      if (checked.length > 0 && checked.length < field.options.length) search.set(field.name, checked.join(","));
    } else if (typeof value === "string" && value) {
      search.set(field.name, value);
    }
  }
  for (const [key, value] of Object.entries(keep)) {
    if (value && !fields.some((f) => f.name === key)) search.set(key, value);
  }
  return search.toString();
}

/** A checkbox group with `value` switched on or off; null when that would leave none checked. */
export function toggleValue(checked: string[], value: string, on: boolean): string[] | null {
  const next = on ? [...new Set([...checked, value])] : checked.filter((v) => v !== value);
  return next.length === 0 ? null : next;
}

/** `next` with the choice of every field whose `resetWith` fields changed since `before` cleared. */
export function resetDependents(fields: FilterFieldShape[], before: FilterValues, next: FilterValues): FilterValues {
  const changed = (name: string) => JSON.stringify(before[name] ?? null) !== JSON.stringify(next[name] ?? null);
  const out = { ...next };
  for (const field of fields) {
    if (field.resetWith?.some(changed) && !changed(field.name)) out[field.name] = field.kind === "select" ? "" : [];
  }
  return out;
}

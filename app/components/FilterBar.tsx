"use client";
// The filters of a view, kept in the URL. Without JavaScript it is a plain GET form (Apply
// button); with it, every change pushes a URL at once (Back returns to the previous filters) and
// the server re-renders the view.
// The controls are controlled, with stable keys: a control remounted on each change would drop
// keyboard focus to <body> after every arrow key or Space.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { filterQuery, resetDependents, toggleValue, type FilterValues } from "../lib/filters";

export interface SelectField {
  kind: "select";
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  /** Fields whose change drops this choice (see FilterFieldShape). */
  resetWith?: string[];
}

export interface CheckboxField {
  kind: "checkboxes";
  name: string;
  label: string;
  values: string[];
  options: { value: string; label: string }[];
}

export type FilterField = SelectField | CheckboxField;

const valuesOf = (fields: FilterField[]): FilterValues =>
  Object.fromEntries(fields.map((f) => [f.name, f.kind === "select" ? f.value : f.values]));

export function FilterBar({ fields, keep = {} }: { fields: FilterField[]; keep?: Record<string, string> }) {
  const router = useRouter();
  const pathname = usePathname() ?? "/";
  const [pending, startTransition] = useTransition();
  const [enhanced, setEnhanced] = useState(false);
  const id = useId();
  useEffect(() => setEnhanced(true), []);

  // What the controls show: the URL's values, and a change at once (before the view re-renders).
  // When the URL's values change (a re-render, back/forward, a link), the controls follow them.
  const fromUrl = valuesOf(fields);
  const urlKey = JSON.stringify(fromUrl);
  const [values, setValues] = useState(fromUrl);
  const [shownUrlKey, setShownUrlKey] = useState(urlKey);
  if (urlKey !== shownUrlKey) {
    setShownUrlKey(urlKey);
    setValues(fromUrl);
  }

  const apply = (changed: FilterValues) => {
    const next = resetDependents(fields, values, changed);
    setValues(next);
    const qs = filterQuery(fields, next, keep);
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };

  return (
    <form
      className="filters"
      method="get"
      action={pathname}
      onSubmit={(event) => {
        event.preventDefault();
        apply(values);
      }}
      aria-label="Filters"
    >
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) =>
        field.kind === "select" ? (
          <label key={field.name} className="filter">
            <span>{field.label}</span>
            <select name={field.name} value={String(values[field.name] ?? "")} onChange={(event) => apply({ ...values, [field.name]: event.target.value })}>
              {field.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <fieldset key={field.name} className="filter checkboxes">
            <legend>{field.label}</legend>
            {field.options.map((option) => {
              const checked = [values[field.name] ?? []].flat();
              return (
                <label key={option.value}>
                  <input
                    type="checkbox"
                    name={field.name}
                    value={option.value}
                    checked={checked.includes(option.value)}
                    onChange={(event) => {
                      // At least one stays checked (an empty selection would mean every model).
                      const next = toggleValue(checked, option.value, event.target.checked);
                      if (next) apply({ ...values, [field.name]: next });
                    }}
                  />
                  {option.label}
                </label>
              );
            })}
          </fieldset>
        ),
      )}
      <button type="submit" className={enhanced ? "button filter-apply visually-hidden-focusable" : "button filter-apply"}>
        Apply
      </button>
      <span id={`${id}-status`} className="filter-status" aria-live="polite">
        {pending ? "Updating…" : ""}
      </span>
    </form>
  );
}

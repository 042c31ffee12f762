"use client";
// The filters of a view, kept in the URL. Without JavaScript it is a plain GET form (Apply
// button); with it, every change replaces the URL at once and the server re-renders the view.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition, type FormEvent } from "react";

export interface SelectField {
  kind: "select";
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}

export interface CheckboxField {
  kind: "checkboxes";
  name: string;
  label: string;
  values: string[];
  options: { value: string; label: string }[];
}

export type FilterField = SelectField | CheckboxField;

/** Form contents -> query string: repeated keys comma-joined, a full model selection dropped. */
function toQuery(form: HTMLFormElement, fields: FilterField[]): string {
  const data = new FormData(form);
  const search = new URLSearchParams();
  for (const field of fields) {
    const values = data.getAll(field.name).map(String).filter(Boolean);
    if (field.kind === "checkboxes") {
      if (values.length > 0 && values.length < field.options.length) search.set(field.name, values.join(","));
    } else if (values[0]) search.set(field.name, values[0]);
  }
  for (const [key, value] of data.entries()) {
    if (!fields.some((f) => f.name === key) && typeof value === "string" && value) search.set(key, value);
  }
  return search.toString();
}

export function FilterBar({ fields, keep = {} }: { fields: FilterField[]; keep?: Record<string, string> }) {
  const router = useRouter();
  const pathname = usePathname() ?? "/";
  const [pending, startTransition] = useTransition();
  const [enhanced, setEnhanced] = useState(false);
  const id = useId();
  useEffect(() => setEnhanced(true), []);

  const apply = (form: HTMLFormElement) => {
    const qs = toQuery(form, fields);
    startTransition(() => router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    // Keep at least one model selected.
    if (target.type === "checkbox" && !target.checked) {
      const group = event.currentTarget.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${target.name}"]:checked`);
      if (group.length === 0) {
        target.checked = true;
        return;
      }
    }
    apply(event.currentTarget);
  };

  return (
    <form
      className="filters"
      method="get"
      action={pathname}
      onChange={onChange}
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
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
            <select name={field.name} defaultValue={field.value} key={field.value}>
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
            {field.options.map((option) => (
              <label key={option.value}>
                <input
                  type="checkbox"
                  name={field.name}
                  value={option.value}
                  defaultChecked={field.values.includes(option.value)}
                  key={`${option.value}:${field.values.includes(option.value)}`}
                />
                {option.label}
              </label>
            ))}
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

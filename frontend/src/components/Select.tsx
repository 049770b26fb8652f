import type { SelectHTMLAttributes } from "react";

import { describedBy, FieldError } from "./FieldError";

export type Option = { value: string; label: string };

type SelectProps = { name: string; label: string; options: Option[]; hint?: string; error?: string | undefined } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "name" | "id"
>;

export function Select({ name, label, options, hint, error, ...select }: SelectProps) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {label}
      </label>
      {hint && (
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
      )}
      <FieldError id={`${name}-error`} error={error} />
      <select
        {...select}
        id={name}
        name={name}
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

import type { SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

function describedBy(...ids: (string | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  );
}

type TextareaProps = { name: string; label: string; hint?: string; error?: string | undefined } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "name" | "id"
>;

/** A labelled box for a longer answer; the id is the name, so the error summary reaches it. */
export function Textarea({ name, label, hint, error, ...textarea }: TextareaProps) {
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
      <textarea
        rows={4}
        {...textarea}
        id={name}
        name={name}
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

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

/** A question with any number of answers. The first box has the name as its id. */
export function Checkboxes({
  name,
  legend,
  options,
  checked,
  error,
}: {
  name: string;
  legend: string;
  options: Option[];
  checked: string[];
  error?: string | undefined;
}) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? `${name}-error` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <FieldError id={`${name}-error`} error={error} />
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${option.value}`;
            return (
              <div className="govuk-checkboxes__item" key={option.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  defaultChecked={checked.includes(option.value)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

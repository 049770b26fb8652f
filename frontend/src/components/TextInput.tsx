import type { InputHTMLAttributes } from "react";

type Props = {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** The label as the page's heading, for one-question pages. */
  labelIsHeading?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

/** A labelled input with its hint and its error message next to it. The id is the name, so
 * the error summary's links reach it. */
export function TextInput({ name, label, hint, error, className, labelIsHeading, ...input }: Props) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const labelElement = (
    <label className={`govuk-label${labelIsHeading ? " govuk-label--l" : ""}`} htmlFor={name}>
      {label}
    </label>
  );
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      {labelIsHeading ? <h1 className="govuk-label-wrapper">{labelElement}</h1> : labelElement}
      {hint && (
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={errorId} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        {...input}
        id={name}
        name={name}
        className={`govuk-input${error ? " govuk-input--error" : ""}${className ? ` ${className}` : ""}`}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

import type { TextareaHTMLAttributes } from "react";

import { describedBy, FieldError } from "./FieldError";

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

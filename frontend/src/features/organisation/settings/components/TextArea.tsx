type Props = { name: string; label: string; hint?: string; error?: string | undefined; defaultValue?: string; rows?: number };

/** A labelled textarea with its hint and error, its id the name so the error summary reaches it. */
export function TextArea({ name, label, hint, error, defaultValue, rows = 4 }: Props) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={name}>
        {label}
      </label>
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
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={name}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

import { useEffect, useRef } from "react";

export type ErrorSummaryItem = { field?: string; message: string };

type Props = {
  errors: ErrorSummaryItem[];
  /** Changes on every submit, so the summary takes focus again after each failed submit. */
  submitCount?: number;
};

/** The errors of a form at its top; takes focus when shown so screen readers announce it. */
export function ErrorSummary({ errors, submitCount = 0 }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;

  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, submitCount]);

  if (!shown) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} data-module="govuk-error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.field ?? ""}:${error.message}`}>
                {error.field ? <a href={`#${error.field}`}>{error.message}</a> : error.message}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * The summary's rows for a form: its own message first, then each field's, in the order of
 * `labels` (field name → its label), each linking to its field.
 */
export function errorSummaryItems(
  form: { formError: string | null; fieldErrors: Record<string, string> },
  labels: Record<string, string>,
): ErrorSummaryItem[] {
  const items: ErrorSummaryItem[] = form.formError ? [{ message: form.formError }] : [];
  for (const [field, label] of Object.entries(labels)) {
    const message = form.fieldErrors[field];
    if (message) items.push({ field, message: `${label}: ${message}` });
  }
  return items;
}

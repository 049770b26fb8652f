import type { ErrorSummaryItem } from "@/components/ErrorSummary";
import type { FormState } from "@/hooks/useApiForm";

/** The error summary's rows: the form's own message, then each field's, in the form's order. */
export function errorItems(form: FormState, labels: Record<string, string>): ErrorSummaryItem[] {
  const items: ErrorSummaryItem[] = form.formError ? [{ message: form.formError }] : [];
  for (const [field, label] of Object.entries(labels)) {
    const message = form.fieldErrors[field];
    if (message) items.push({ field, message: `${label}: ${message}` });
  }
  return items;
}

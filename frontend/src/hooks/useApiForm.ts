import { useCallback, useState, type FormEvent } from "react";

import { ApiError, type FieldErrors } from "@/lib/api";

export type FormState = {
  /** Each field's first message, by field name: show it next to the field. */
  fieldErrors: Record<string, string>;
  /** The message for the whole form (the API's `message`), when no single field is to blame. */
  formError: string | null;
  busy: boolean;
};

type Options<T> = {
  submit: (values: Record<string, string>) => Promise<T>;
  onSuccess?: (result: T) => void;
  /** Field names the form shows: an error for any other field goes in the form error. */
  fields: readonly string[];
};

function firstMessages(fields: FieldErrors, known: readonly string[]): [Record<string, string>, string[]] {
  const mine: Record<string, string> = {};
  const others: string[] = [];
  for (const [name, messages] of Object.entries(fields)) {
    const first = messages[0];
    if (!first) continue;
    if (known.includes(name)) mine[name] = first;
    else others.push(first);
  }
  return [mine, others];
}

/**
 * Submits a form through `submit` and maps the API's `{message, code, fields}` back onto it:
 * each field's error next to its input, the rest in the error summary.
 */
export function useApiForm<T>({ submit, onSuccess, fields }: Options<T>) {
  const [state, setState] = useState<FormState>({ fieldErrors: {}, formError: null, busy: false });

  const onSubmit = useCallback(
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const values: Record<string, string> = {};
      new FormData(event.currentTarget).forEach((value, key) => {
        if (typeof value === "string") values[key] = value;
      });
      setState({ fieldErrors: {}, formError: null, busy: true });
      try {
        const result = await submit(values);
        setState({ fieldErrors: {}, formError: null, busy: false });
        onSuccess?.(result);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const [fieldErrors, others] = firstMessages(error.fields, fields);
        const hasFieldErrors = Object.keys(fieldErrors).length > 0;
        const formError = others[0] ?? (hasFieldErrors ? null : error.message);
        setState({ fieldErrors, formError, busy: false });
      }
    },
    [submit, onSuccess, fields],
  );

  const hasErrors = state.formError !== null || Object.keys(state.fieldErrors).length > 0;
  return { ...state, hasErrors, onSubmit };
}

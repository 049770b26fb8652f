import { useCallback } from "react";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";

import type { BankDetails, BankDetailsRequest } from "../api/bankDetails";

const LABELS: Record<string, string> = {
  account_name: "Name on the account",
  sort_code: "Sort code",
  account_number: "Account number",
};
const FIELDS = Object.keys(LABELS);

type Props = {
  current: BankDetails | null;
  save: (body: BankDetailsRequest) => Promise<BankDetails>;
  onSaved: () => void;
  submitCount?: number;
};

/** The GOV.UK bank details pattern: name, sort code and account number, checked by the API. */
export function BankDetailsForm({ current, save, onSaved, submitCount }: Props) {
  const submit = useCallback(
    (values: Record<string, string>) =>
      save({
        account_name: values.account_name ?? "",
        sort_code: values.sort_code ?? "",
        account_number: values.account_number ?? "",
      }),
    [save],
  );
  const form = useApiForm({ submit, onSuccess: onSaved, fields: FIELDS });
  return (
    <>
      <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={submitCount} />
      <form onSubmit={form.onSubmit} noValidate>
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 className="govuk-fieldset__heading">{current?.is_set ? "Change your bank details" : "Enter your bank details"}</h2>
          </legend>
          <TextInput
            name="account_name"
            label={LABELS.account_name ?? ""}
            hint="As it is shown on your bank statement."
            defaultValue={current?.account_name ?? ""}
            autoComplete="off"
            spellCheck={false}
            error={form.fieldErrors.account_name}
          />
          <TextInput
            name="sort_code"
            label={LABELS.sort_code ?? ""}
            hint="Must be 6 digits long, like 30 94 57."
            defaultValue={current?.sort_code ?? ""}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            className="govuk-input--width-5"
            error={form.fieldErrors.sort_code}
          />
          <TextInput
            name="account_number"
            label={LABELS.account_number ?? ""}
            hint="Must be 8 digits long. If yours has 6 or 7, add zeros at the start."
            defaultValue={current?.account_number ?? ""}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            className="govuk-input--width-10"
            error={form.fieldErrors.account_number}
          />
        </fieldset>
        <Button busy={form.busy} busyText="Saving">
          Save bank details
        </Button>
      </form>
    </>
  );
}

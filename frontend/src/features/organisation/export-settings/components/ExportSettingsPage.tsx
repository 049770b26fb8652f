import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";

import { can, FINANCE_ROLES, type Membership } from "../../workspace/sections";
import { exportSettingsQuery, useSaveExportSettings, type ExportSettings, type ExportSettingsRequest } from "../api/exportSettings";

const NOMINAL_CODES: { field: keyof ExportSettingsRequest; label: string }[] = [
  { field: "fee_nominal_code", label: "Fees" },
  { field: "travel_nominal_code", label: "Travel (fares, parking)" },
  { field: "mileage_nominal_code", label: "Mileage" },
  { field: "care_nominal_code", label: "Care or childcare" },
  { field: "meals_nominal_code", label: "Meals" },
  { field: "internet_phone_nominal_code", label: "Internet or phone" },
  { field: "other_nominal_code", label: "Other expenses" },
];
const LABELS: Record<string, string> = {
  ...Object.fromEntries(NOMINAL_CODES.map(({ field, label }) => [field, `Nominal code for ${label.toLowerCase()}`])),
  cost_centre: "Cost centre",
  tax_code: "Tax code",
  bank_reference: "Bank statement reference",
};
const FIELDS = Object.keys(LABELS);

function CodesForm({ organisationId, settings }: { organisationId: number; settings: ExportSettings }) {
  const save = useSaveExportSettings(organisationId);
  const submit = useCallback(
    (values: Record<string, string>) => save.mutateAsync(Object.fromEntries(FIELDS.map((field) => [field, (values[field] ?? "").trim()])) as ExportSettingsRequest),
    [save],
  );
  const form = useApiForm({ submit, fields: FIELDS });
  return (
    <>
      <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={save.submittedAt} />
      {save.isSuccess && !form.busy && <NotificationBanner type="success" heading="The export codes have been saved." />}
      <form onSubmit={form.onSubmit} noValidate>
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 className="govuk-fieldset__heading">Nominal codes</h2>
          </legend>
          <p className="govuk-hint">The account code in your finance system for each kind of payment. Leave one empty if you do not use it.</p>
          {NOMINAL_CODES.map(({ field, label }) => (
            <TextInput
              key={field}
              name={field}
              label={label}
              defaultValue={settings[field] ?? ""}
              className="govuk-input--width-10"
              spellCheck={false}
              error={form.fieldErrors[field]}
            />
          ))}
        </fieldset>
        <TextInput
          name="cost_centre"
          label="Cost centre (optional)"
          hint="Xero files put it in the first tracking category, named Cost centre."
          defaultValue={settings.cost_centre ?? ""}
          className="govuk-input--width-20"
          spellCheck={false}
          error={form.fieldErrors.cost_centre}
        />
        <TextInput
          name="tax_code"
          label="Tax code"
          hint="The tax rate's name exactly as your finance system shows it. Fees paid to people are usually outside VAT: in Xero, No VAT."
          defaultValue={settings.tax_code ?? ""}
          className="govuk-input--width-20"
          spellCheck={false}
          error={form.fieldErrors.tax_code}
        />
        <TextInput
          name="bank_reference"
          label="Bank statement reference (optional)"
          hint="Up to 10 letters or numbers. People see it on their bank statement before their own reference. If empty, we use your organisation's name."
          defaultValue={settings.bank_reference ?? ""}
          className="govuk-input--width-10"
          maxLength={10}
          spellCheck={false}
          error={form.fieldErrors.bank_reference}
        />
        <Button busy={form.busy} busyText="Saving">
          Save export codes
        </Button>
      </form>
    </>
  );
}

/** Settings: the codes that go into the finance exports of every payment run. */
export function ExportSettingsPage({ membership }: { membership: Membership }) {
  const allowed = can(membership, FINANCE_ROLES);
  const settings = useQuery({ ...exportSettingsQuery(membership.organisation_id), enabled: allowed });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>Codes for finance exports</PageHeading>
        {!allowed && <p className="govuk-body">Only a finance officer, admin or owner of {membership.organisation_name} can see and change these codes.</p>}
        {allowed && (
          <p className="govuk-body">
            Payment run files for Xero, Sage, QuickBooks and Excel use these codes, so you can import them without editing.
          </p>
        )}
        {allowed && settings.isPending && (
          <p className="govuk-body" aria-live="polite">
            Loading the codes
          </p>
        )}
        {settings.isError && <p className="govuk-body">The codes could not be loaded. Try again in a few minutes.</p>}
        {settings.data && <CodesForm organisationId={membership.organisation_id} settings={settings.data} />}
      </div>
    </div>
  );
}

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { Radios } from "@/components/Radios";
import { SummaryList } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { money, todayIso } from "@/lib/format";

import {
  financeSettingsQuery,
  taxYearOf,
  useRemoveMileageRate,
  useSaveFinanceSettings,
  useSetMileageRate,
  type FinanceSettings,
} from "../api/settings";
import { can, FINANCE_ROLES, type Membership } from "../../workspace/sections";

const yearLabel = (year: number) => `6 April ${year} to 5 April ${year + 1}`;

function MileageRates({ organisationId, settings, mayChange, onDone }: { organisationId: number; settings: FinanceSettings; mayChange: boolean; onDone: (message: string) => void }) {
  const setRate = useSetMileageRate(organisationId);
  const remove = useRemoveMileageRate(organisationId);
  const thisYear = taxYearOf(todayIso());
  const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];
  const form = useApiForm({
    submit: (values) => setRate.mutateAsync({ taxYear: Number(values.tax_year), rate: values.rate ?? "" }),
    onSuccess: (row) => onDone(`Mileage for ${yearLabel(row.tax_year)} is now paid at ${money(row.rate)} a mile.`),
    fields: ["rate"],
  });
  return (
    <section className="cp-section" aria-labelledby="mileage-rates">
      <h2 className="govuk-heading-m" id="mileage-rates">
        Mileage rates by tax year
      </h2>
      <p className="govuk-body">
        A journey is paid at the rate of the tax year it was made in. A tax year without its own rate uses the default rate of{" "}
        {money(settings.mileage_rate)} a mile. HMRC&apos;s approved rate for cars is 45p a mile.
      </p>
      <Table
        caption="Rates set"
        columns={[
          { header: "Tax year", cell: (row) => yearLabel(row.tax_year) },
          { header: "Rate a mile", cell: (row) => money(row.rate), numeric: true },
          ...(mayChange
            ? [
                {
                  header: "Action",
                  cell: (row: FinanceSettings["mileage_rates"][number]) => (
                    <button
                      type="button"
                      className="app-link-button"
                      onClick={() => remove.mutate(row.tax_year, { onSuccess: () => onDone(`The rate for ${yearLabel(row.tax_year)} was removed.`) })}
                    >
                      Remove<span className="govuk-visually-hidden"> the rate for {yearLabel(row.tax_year)}</span>
                    </button>
                  ),
                },
              ]
            : []),
        ]}
        rows={settings.mileage_rates}
        rowKey={(row) => row.tax_year}
        empty="No tax year has its own rate: every journey is paid at the default rate."
      />
      {mayChange && (
        <form onSubmit={form.onSubmit} noValidate aria-labelledby="set-rate">
          <h3 className="govuk-heading-s" id="set-rate">
            Set a tax year&apos;s rate
          </h3>
          <ErrorSummary errors={errorSummaryItems(form, { rate: "Rate a mile" })} />
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="tax_year">
              Tax year
            </label>
            <select className="govuk-select" id="tax_year" name="tax_year" defaultValue={String(thisYear)}>
              {years.map((year) => (
                <option key={year} value={year}>
                  {yearLabel(year)}
                </option>
              ))}
            </select>
          </div>
          <TextInput name="rate" label="Rate a mile, in pounds" hint="For example, 0.45 for 45p" inputMode="decimal" className="govuk-input--width-5" error={form.fieldErrors.rate} />
          <Button busy={form.busy} variant="secondary">
            Save rate
          </Button>
        </form>
      )}
    </section>
  );
}

const LABELS = {
  mileage_rate: "Default rate a mile",
  monthly_budget: "Monthly budget",
  tax_year_budget: "Tax year budget",
  receipts_required: "Receipts",
};

function Other({ organisationId, settings, onDone }: { organisationId: number; settings: FinanceSettings; onDone: (message: string) => void }) {
  const save = useSaveFinanceSettings(organisationId);
  const form = useApiForm({
    submit: (values) =>
      save.mutateAsync({
        mileage_rate: values.mileage_rate ?? "",
        monthly_budget: values.monthly_budget || null,
        tax_year_budget: values.tax_year_budget || null,
        receipts_required: values.receipts_required !== "no",
      }),
    onSuccess: () => onDone("Finance settings saved."),
    fields: Object.keys(LABELS),
  });
  return (
    <section className="cp-section" aria-labelledby="other-settings">
      <h2 className="govuk-heading-m" id="other-settings">
        Default rate, budgets and receipts
      </h2>
      <ErrorSummary errors={errorSummaryItems(form, LABELS)} />
      <form onSubmit={form.onSubmit} noValidate>
        <TextInput
          name="mileage_rate"
          label={LABELS.mileage_rate}
          hint="In pounds, for tax years without their own rate"
          inputMode="decimal"
          className="govuk-input--width-5"
          defaultValue={settings.mileage_rate}
          error={form.fieldErrors.mileage_rate}
        />
        <TextInput
          name="monthly_budget"
          label={LABELS.monthly_budget}
          hint="In pounds. Leave empty for no budget."
          inputMode="decimal"
          className="govuk-input--width-10"
          defaultValue={settings.monthly_budget ?? ""}
          error={form.fieldErrors.monthly_budget}
        />
        <TextInput
          name="tax_year_budget"
          label={LABELS.tax_year_budget}
          hint="In pounds. Leave empty for no budget."
          inputMode="decimal"
          className="govuk-input--width-10"
          defaultValue={settings.tax_year_budget ?? ""}
          error={form.fieldErrors.tax_year_budget}
        />
        <Radios
          name="receipts_required"
          legend="Do costs other than mileage need a receipt?"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
          defaultValue={settings.receipts_required ? "yes" : "no"}
          error={form.fieldErrors.receipts_required}
        />
        <Button busy={form.busy}>Save settings</Button>
      </form>
    </section>
  );
}

/** Finance settings: mileage rates by tax year, budgets, whether receipts are required. */
export function FinanceSettingsPage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const settings = useQuery(financeSettingsQuery(organisationId));
  const [done, setDone] = useState<string | null>(null);
  const mayChange = can(membership, FINANCE_ROLES);
  return (
    <>
      {done && <NotificationBanner type="success" heading={done} />}
      <PageHeading caption={membership.organisation_name}>Finance settings</PageHeading>
      {settings.isPending && <p className="govuk-body cp-placeholder">Loading the settings</p>}
      {settings.isError && <p className="govuk-body">We could not load the settings. {settings.error.message}</p>}
      {settings.data && (
        <>
          <MileageRates organisationId={organisationId} settings={settings.data} mayChange={mayChange} onDone={setDone} />
          {mayChange ? (
            <Other key={JSON.stringify(settings.data)} organisationId={organisationId} settings={settings.data} onDone={setDone} />
          ) : (
            <SummaryList
              rows={[
                { key: LABELS.mileage_rate, value: money(settings.data.mileage_rate) },
                { key: LABELS.monthly_budget, value: settings.data.monthly_budget ? money(settings.data.monthly_budget) : "None set" },
                { key: LABELS.tax_year_budget, value: settings.data.tax_year_budget ? money(settings.data.tax_year_budget) : "None set" },
                { key: LABELS.receipts_required, value: settings.data.receipts_required ? "Needed" : "Not needed" },
              ]}
            />
          )}
        </>
      )}
    </>
  );
}

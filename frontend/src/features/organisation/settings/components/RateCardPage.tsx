import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { Table } from "@/components/Table";
import { Tag } from "@/components/Tag";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import type { ApiError } from "@/lib/api";
import { money } from "@/lib/format";

import { workspacePath, type Membership } from "../../workspace/sections";
import { payRatesQuery, useAddPayRate, useChangePayRate, useRemovePayRate, type PayRate, type PayRateInput } from "../api/settings";

const UNITS: { value: PayRate["unit"]; label: string }[] = [
  { value: "hour", label: "Per hour" },
  { value: "half_day", label: "Per half day (up to 4 hours)" },
  { value: "day", label: "Per day (up to 8 hours)" },
  { value: "session", label: "Per session" },
  { value: "fixed", label: "Fixed fee for the whole role" },
];
const unitLabel = (unit: PayRate["unit"]) => UNITS.find((u) => u.value === unit)?.label ?? unit;

const LABELS = { name: "Name", amount: "Amount", unit: "How it is paid", description: "Description", is_default: "Default" };

function RateForm({ organisationId, rate, onDone }: { organisationId: number; rate: PayRate | null; onDone: (text: string) => void }) {
  const add = useAddPayRate(organisationId);
  const change = useChangePayRate(organisationId);
  const form = useApiForm({
    fields: ["name", "amount", "unit", "description", "is_default"],
    submit: async (values) => {
      const body: PayRateInput = {
        name: (values.name ?? "").trim(),
        amount: (values.amount ?? "").trim().replace(/^£/, ""),
        unit: (values.unit ?? "") as PayRate["unit"],
        description: (values.description ?? "").trim(),
        ...(values.is_default === "yes" ? { is_default: true } : rate ? {} : { is_default: false }),
      };
      return rate ? change.mutateAsync({ rateId: rate.id, body }) : add.mutateAsync(body);
    },
    onSuccess: (saved) => onDone(rate ? `${saved.name} is changed.` : `${saved.name} is added to the rate card.`),
  });
  const prefix = rate ? "Change" : "Add";
  return (
    <form onSubmit={form.onSubmit} noValidate key={rate?.id ?? "new"}>
      <h2 className="govuk-heading-m">{rate ? `Change ${rate.name}` : "Add a rate"}</h2>
      <ErrorSummary errors={errorSummaryItems(form, LABELS)} />
      <TextInput name="name" label={LABELS.name} hint="For example, Advisory group meeting" defaultValue={rate?.name} error={form.fieldErrors.name} />
      <TextInput name="amount" label={LABELS.amount} hint="In pounds, for example 25.00" inputMode="decimal" className="govuk-input--width-5" spellCheck={false} defaultValue={rate?.amount} error={form.fieldErrors.amount} />
      <div className={`govuk-form-group${form.fieldErrors.unit ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label" htmlFor="unit">
          {LABELS.unit}
        </label>
        {form.fieldErrors.unit && (
          <p id="unit-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {form.fieldErrors.unit}
          </p>
        )}
        <select className="govuk-select" id="unit" name="unit" defaultValue={rate?.unit ?? "hour"} aria-describedby={form.fieldErrors.unit ? "unit-error" : undefined}>
          {UNITS.map((unit) => (
            <option key={unit.value} value={unit.value}>
              {unit.label}
            </option>
          ))}
        </select>
      </div>
      <TextInput name="description" label={`${LABELS.description} (optional)`} defaultValue={rate?.description} error={form.fieldErrors.description} />
      {!rate?.is_default && (
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="is_default" name="is_default" type="checkbox" value="yes" aria-describedby="is_default-hint" />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="is_default">
                Make this the default rate
              </label>
              <div id="is_default-hint" className="govuk-hint govuk-checkboxes__hint">
                New roles are offered at the default rate unless the coordinator chooses another.
              </div>
            </div>
          </div>
        </div>
      )}
      <Button busy={form.busy}>{prefix === "Add" ? "Add the rate" : "Save the changes"}</Button>
    </form>
  );
}

/** The organisation's rate card: the fees it offers for involvement, one of them the default. */
export function RateCardPage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const rates = useQuery(payRatesQuery(organisationId));
  const remove = useRemovePayRate(organisationId);
  const [editing, setEditing] = useState<PayRate | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const finished = (text: string) => {
    setDone(text);
    setEditing(null);
  };
  return (
    <>
      {done && <NotificationBanner type="success" heading={done} />}
      {remove.error && <ErrorSummary errors={[{ message: (remove.error as ApiError).message }]} />}
      <PageHeading caption={membership.organisation_name}>Rate card</PageHeading>
      <p className="govuk-body">
        The fees you offer for involvement. Coordinators choose one when they create a role. Changing a rate does not
        change the pay of roles already offered.
      </p>
      <div role="status" aria-live="polite">
        {rates.isPending && <p className="govuk-body">Loading the rate card</p>}
        {rates.isError && <p className="govuk-body">The rate card could not be loaded. Try again in a few minutes.</p>}
      </div>
      {rates.data && (
        <Table
          caption="Rates"
          rows={rates.data.results}
          rowKey={(rate) => rate.id}
          empty="There are no rates on the rate card yet."
          columns={[
            {
              header: "Rate",
              cell: (rate) => (
                <>
                  {rate.name} {rate.is_default && <Tag colour="blue">Default</Tag>}
                  {rate.description && <span className="govuk-body-s govuk-!-display-block">{rate.description}</span>}
                </>
              ),
            },
            { header: "Amount", numeric: true, cell: (rate) => money(rate.amount) },
            { header: "How it is paid", cell: (rate) => unitLabel(rate.unit) },
            {
              header: "Actions",
              cell: (rate) => (
                <div className="govuk-button-group govuk-!-margin-bottom-0">
                  <Button type="button" variant="secondary" className="govuk-!-margin-bottom-0" onClick={() => setEditing(rate)}>
                    Change<span className="govuk-visually-hidden"> {rate.name}</span>
                  </Button>
                  <Button
                    type="button"
                    variant="warning"
                    className="govuk-!-margin-bottom-0"
                    busy={remove.isPending && remove.variables === rate.id}
                    onClick={() => remove.mutate(rate.id, { onSuccess: () => finished(`${rate.name} is removed from the rate card.`) })}
                  >
                    Remove<span className="govuk-visually-hidden"> {rate.name}</span>
                  </Button>
                </div>
              ),
            },
          ]}
        />
      )}
      <RateForm key={editing?.id ?? "new"} organisationId={organisationId} rate={editing} onDone={finished} />
      {editing && (
        <p className="govuk-body">
          <button type="button" className="govuk-link app-link-button" onClick={() => setEditing(null)}>
            Cancel the change and add a new rate instead
          </button>
        </p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "settings")}>
          Back to settings
        </Link>
      </p>
    </>
  );
}

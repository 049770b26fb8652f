import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useState, type ChangeEvent } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Panel } from "@/components/Panel";
import { Radios } from "@/components/Radios";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { ApiError } from "@/lib/api";

import { claimOrganisationsQuery, useSubmitClaim, type Category, type Claim, type ClaimItem } from "../api/expenses";
import type { UploadProgress } from "../api/upload";
import { percent, RECEIPT_ACCEPT, receiptProblem } from "../hooks/receipts";

const CATEGORIES: { value: Category; label: string }[] = [
  { value: "travel", label: "Travel (fares, parking)" },
  { value: "mileage", label: "Mileage (your own car)" },
  { value: "care", label: "Care or childcare" },
  { value: "meals", label: "Meals" },
  { value: "internet_phone", label: "Internet or phone" },
  { value: "other", label: "Other" },
];

type Row = { key: number; category: Category; receipt: File | null; receiptError: string | null };

function labelsFor(rows: Row[]): Record<string, string> {
  const labels: Record<string, string> = { organisation: "Organisation" };
  rows.forEach((_, index) => {
    const n = index + 1;
    labels[`items[${index}].description`] = `Item ${n} description`;
    labels[`items[${index}].spent_on`] = `Item ${n} date`;
    labels[`items[${index}].amount`] = `Item ${n} amount`;
    labels[`items[${index}].miles`] = `Item ${n} miles`;
    labels[`receipt_${index}`] = `Item ${n} receipt`;
  });
  labels.items = "Items";
  labels.note = "Note";
  return labels;
}

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
}

/** Claim expenses: one or more items, each with a photo or PDF of its receipt, and the upload's
 * progress while it is sent. */
export function NewClaimPage() {
  const organisations = useQuery(claimOrganisationsQuery());
  const [rows, setRows] = useState<Row[]>([{ key: 0, category: "travel", receipt: null, receiptError: null }]);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [submitCount, setSubmitCount] = useState(0);
  const [sent, setSent] = useState<Claim | null>(null);
  const nextKey = useRef(1);
  const idempotencyKey = useRef(newKey());
  const submitClaim = useSubmitClaim(setProgress);
  const labels = useMemo(() => labelsFor(rows), [rows]);

  const submit = useCallback(
    async (values: Record<string, string>) => {
      setSubmitCount((count) => count + 1);
      const fields: Record<string, string[]> = {};
      if (!values.organisation) fields.organisation = ["Choose the organisation you are claiming from."];
      rows.forEach((row, index) => {
        if (row.receiptError) fields[`receipt_${index}`] = [row.receiptError];
        if (!values[`items[${index}].description`]?.trim()) fields[`items[${index}].description`] = ["Say what you spent the money on."];
        if (!values[`items[${index}].spent_on`]) fields[`items[${index}].spent_on`] = ["Enter the date you spent it."];
      });
      if (Object.keys(fields).length > 0) throw new ApiError({ message: "Some of the information is not right.", code: "invalid", fields }, 400);
      const items: ClaimItem[] = rows.map((row, index) => {
        const item: ClaimItem = {
          category: row.category,
          description: values[`items[${index}].description`]?.trim() ?? "",
          spent_on: values[`items[${index}].spent_on`] ?? "",
        };
        if (row.category === "mileage") item.miles = values[`items[${index}].miles`] || null;
        else item.amount = values[`items[${index}].amount`]?.replace(/^£/, "") || null;
        return item;
      });
      setProgress({ loaded: 0, total: 1 });
      try {
        return await submitClaim.mutateAsync({
          organisation: Number(values.organisation),
          note: values.note ?? "",
          items,
          receipts: rows.map((row) => row.receipt),
          idempotencyKey: idempotencyKey.current,
        });
      } finally {
        setProgress(null);
      }
    },
    [rows, submitClaim],
  );
  const form = useApiForm({ submit, onSuccess: setSent, fields: Object.keys(labels) });

  const setRow = (key: number, change: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const onReceipt = (key: number) => (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0] ?? null;
    const problem = file ? receiptProblem(file) : null;
    setRow(key, { receipt: problem ? null : file, receiptError: problem });
  };

  if (sent) {
    return (
      <>
        <Panel title="Claim sent">
          {sent.organisation_name} will look at your claim. We will tell you what they decide.
        </Panel>
        <p className="govuk-body">
          <Link className="govuk-link" to="/me/expenses">
            See your expenses
          </Link>
        </p>
      </>
    );
  }

  const list = organisations.data ?? [];
  const uploading = progress !== null;
  const done = progress ? percent(progress.loaded, progress.total) : 0;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, labels)} submitCount={submitCount} />
        <PageHeading hasErrors={form.hasErrors}>Claim expenses</PageHeading>
        {organisations.isPending && <p className="govuk-body" aria-live="polite">Loading the organisations you work with</p>}
        {organisations.isSuccess && list.length === 0 && (
          <p className="govuk-body">You can claim expenses from an organisation once you have worked with them.</p>
        )}
        {list.length > 0 && (
          <form onSubmit={form.onSubmit} noValidate>
            <Radios
              name="organisation"
              legend="Which organisation are you claiming from?"
              options={list.map((o) => ({ value: String(o.id), label: o.name }))}
              defaultValue={list.length === 1 ? String(list[0]?.id) : undefined}
              error={form.fieldErrors.organisation}
            />
            {rows.map((row, index) => {
              const prefix = `items[${index}]`;
              const receiptName = `receipt_${index}`;
              const receiptError = row.receiptError ?? form.fieldErrors[receiptName];
              return (
                <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={row.key}>
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Item {index + 1}</legend>
                  <div className="govuk-form-group">
                    <label className="govuk-label" htmlFor={`${prefix}.category`}>
                      What kind of cost
                    </label>
                    <select
                      className="govuk-select"
                      id={`${prefix}.category`}
                      value={row.category}
                      onChange={(event) => setRow(row.key, { category: event.target.value as Category })}
                    >
                      {CATEGORIES.map((category) => (
                        <option key={category.value} value={category.value}>
                          {category.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <TextInput name={`${prefix}.description`} label="What it was for" hint="For example, bus fare to the meeting" error={form.fieldErrors[`${prefix}.description`]} />
                  <TextInput name={`${prefix}.spent_on`} label="Date" type="date" className="govuk-input--width-10" error={form.fieldErrors[`${prefix}.spent_on`]} />
                  {row.category === "mileage" ? (
                    <TextInput name={`${prefix}.miles`} label="Miles" inputMode="decimal" className="govuk-input--width-5" error={form.fieldErrors[`${prefix}.miles`]} />
                  ) : (
                    <TextInput name={`${prefix}.amount`} label="Amount in pounds" hint="For example, 4.50" inputMode="decimal" className="govuk-input--width-5" error={form.fieldErrors[`${prefix}.amount`]} />
                  )}
                  {row.category !== "mileage" && (
                    <div className={`govuk-form-group${receiptError ? " govuk-form-group--error" : ""}`}>
                      <label className="govuk-label" htmlFor={receiptName}>
                        Receipt
                      </label>
                      <div id={`${receiptName}-hint`} className="govuk-hint">
                        A photo (JPEG, PNG or an iPhone HEIC photo) or a PDF, up to 10 MB. On a phone you can take a photo now.
                      </div>
                      {receiptError && (
                        <p id={`${receiptName}-error`} className="govuk-error-message">
                          <span className="govuk-visually-hidden">Error:</span> {receiptError}
                        </p>
                      )}
                      <input
                        className={`govuk-file-upload${receiptError ? " govuk-file-upload--error" : ""}`}
                        id={receiptName}
                        type="file"
                        accept={RECEIPT_ACCEPT}
                        aria-describedby={`${receiptName}-hint${receiptError ? ` ${receiptName}-error` : ""}`}
                        onChange={onReceipt(row.key)}
                      />
                    </div>
                  )}
                  {rows.length > 1 && (
                    <Button type="button" variant="secondary" onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}>
                      Remove item {index + 1}
                    </Button>
                  )}
                </fieldset>
              );
            })}
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setRows((current) => [...current, { key: nextKey.current, category: "travel", receipt: null, receiptError: null }]);
                nextKey.current += 1;
              }}
            >
              Add another item
            </Button>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="note">
                Anything else the organisation should know (optional)
              </label>
              <textarea className="govuk-textarea" id="note" name="note" rows={3} />
            </div>
            <div role="status" aria-live="polite" className="govuk-body">
              {uploading && (
                <>
                  <label htmlFor="upload-progress">Sending your claim: {done}%</label>{" "}
                  <progress id="upload-progress" max={100} value={done}>
                    {done}%
                  </progress>
                </>
              )}
            </div>
            <Button busy={form.busy} busyText={uploading ? `Sending, ${done}%` : "Sending"}>
              Send claim
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}

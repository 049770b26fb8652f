import { useState, type FormEvent } from "react";

import { Button } from "@/components/Button";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ErrorSummary";
import { Radios } from "@/components/Radios";
import { SummaryList } from "@/components/SummaryList";
import { TextInput } from "@/components/TextInput";
import { ApiError } from "@/lib/api";

import type { ChoiceRequest, Payment } from "../api/paymentChoice";
import { CAP_PERIODS, CHOICES, choiceRequest, choiceSummary, workedExample, type ChoiceFields } from "../hooks/choices";

const LABELS: Record<string, string> = {
  choice: "How you want to be paid",
  reduced_amount: "Amount for each fee",
  cap_amount: "Most you want to be paid in a period",
  cap_period: "Period for the limit",
  charity_name: "Charity",
};
const DEFAULT_OPTION = "default";

type Props = {
  /** Prefix for input ids, so two forms on one page do not clash. */
  idPrefix: string;
  legend: string;
  current: ChoiceFields | null;
  nextFee: Payment | undefined;
  /** Roles may go back to the contributor's default choice. */
  allowDefault?: boolean;
  save: (choice: ChoiceRequest | null) => Promise<unknown>;
  saving: boolean;
  /** Called after a save worked, with what was saved. */
  onSaved: (summary: string) => void;
};

function apiErrorsOf(error: unknown): { fields: Record<string, string>; message: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, message: error ? "We could not save your choice. Try again." : null };
  const fields: Record<string, string> = {};
  const others: string[] = [];
  for (const [name, messages] of Object.entries(error.fields)) {
    if (messages[0] && name in LABELS) fields[name] = messages[0];
    else if (messages[0]) others.push(messages[0]);
  }
  return { fields, message: others[0] ?? (Object.keys(fields).length ? null : error.message) };
}

/** Choose, check your answers, then save: the choice is only saved from the check step. */
export function ChoiceForm({ idPrefix, legend, current, nextFee, allowDefault = false, save, saving, onSaved }: Props) {
  const [draft, setDraft] = useState<ChoiceRequest | "default" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submits, setSubmits] = useState(0);
  const name = (field: string) => `${idPrefix}${field}`;
  const errors = apiErrorsOf(error);
  const summary: ErrorSummaryItem[] = [
    ...(errors.message ? [{ message: errors.message }] : []),
    ...Object.entries(errors.fields).map(([field, message]) => ({ field: name(field), message: `${LABELS[field]}: ${message}` })),
  ];

  function onReview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values: Record<string, string> = {};
    new FormData(event.currentTarget).forEach((value, key) => {
      if (typeof value === "string") values[key.slice(idPrefix.length)] = value;
    });
    setError(null);
    setDraft(values.choice === DEFAULT_OPTION ? "default" : choiceRequest(values));
  }

  async function onConfirm() {
    if (draft === null) return;
    setSubmits((count) => count + 1);
    try {
      await save(draft === "default" ? null : draft);
      onSaved(draft === "default" ? "Use my default choice" : choiceSummary(draft));
      setDraft(null);
    } catch (caught) {
      setError(caught);
      setDraft(null);
    }
  }

  if (draft !== null) {
    const example = draft === "default" ? null : workedExample(draft, nextFee);
    return (
      <div className="cp-check">
        <h3 className="govuk-heading-s">Check your answer</h3>
        <SummaryList
          rows={[
            { key: LABELS.choice ?? "", value: draft === "default" ? "Use my default choice" : choiceSummary(draft) },
            ...(example ? [{ key: "What this means", value: example }] : []),
          ]}
        />
        <div className="govuk-button-group">
          <Button type="button" busy={saving} busyText="Saving" onClick={() => void onConfirm()}>
            Save this choice
          </Button>
          <Button type="button" variant="secondary" onClick={() => setDraft(null)}>
            Change it
          </Button>
        </div>
      </div>
    );
  }

  const options = [
    ...(allowDefault ? [{ value: DEFAULT_OPTION, label: "Use my default choice", hint: "The choice you set at the top of this page." }] : []),
    ...CHOICES.map((choice) => {
      const example = workedExample({ ...(current ?? {}), choice: choice.value }, nextFee);
      return { value: choice.value, label: choice.label, hint: example ? `${choice.explanation} ${example}` : choice.explanation };
    }),
  ];
  const chosen = current ? current.choice : allowDefault ? DEFAULT_OPTION : undefined;
  return (
    <>
      <ErrorSummary errors={summary} submitCount={submits} />
      <form onSubmit={onReview} noValidate>
        <Radios name={name("choice")} legend={legend} options={options} defaultValue={chosen} error={errors.fields.choice} />
        <TextInput
          name={name("reduced_amount")}
          label="If you chose a smaller amount: the amount for each fee, in pounds"
          inputMode="decimal"
          className="govuk-input--width-5"
          defaultValue={current?.reduced_amount ?? ""}
          error={errors.fields.reduced_amount}
        />
        <TextInput
          name={name("cap_amount")}
          label="If you chose a limit: the most you want to be paid in a period, in pounds"
          inputMode="decimal"
          className="govuk-input--width-5"
          defaultValue={current?.cap_amount ?? ""}
          error={errors.fields.cap_amount}
        />
        <Radios
          name={name("cap_period")}
          legend="If you chose a limit: the period it is for"
          options={CAP_PERIODS.map((p) => ({ value: p.value, label: p.label }))}
          defaultValue={current?.cap_period || undefined}
          error={errors.fields.cap_period}
        />
        <TextInput
          name={name("charity_name")}
          label="If you chose to give your fees: the charity's name"
          defaultValue={current?.charity_name ?? ""}
          error={errors.fields.charity_name}
        />
        <Button variant="secondary">Continue</Button>
      </form>
    </>
  );
}

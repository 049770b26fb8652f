import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useNavigate } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Radios } from "@/components/Radios";
import { SummaryList } from "@/components/SummaryList";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { ApiError } from "@/lib/api";

import { letterOrganisationsQuery, useRequestLetter, type LetterRequest } from "../api/letters";
import { formatDay } from "./dates";

const KINDS: { value: LetterRequest["kind"]; label: string; hint: string }[] = [
  {
    value: "benefits_advisor",
    label: "Letter for benefits advisors",
    hint: "What you were paid, period by period, and that expenses are not earnings.",
  },
  { value: "payment_statement", label: "Payment statement", hint: "A list of your payments in the period." },
  { value: "involvement_confirmation", label: "Confirmation of involvement", hint: "That you took part, without amounts." },
];

const LABELS: Record<string, string> = {
  organisation: "Organisation",
  kind: "Kind of letter",
  period_start: "From",
  period_end: "To",
};
const FIELDS = Object.keys(LABELS);

type Answers = { organisation: number; organisationName: string; kind: LetterRequest["kind"]; period_start: string; period_end: string };

function check(values: Record<string, string>, organisations: { id: number; name: string }[]): Answers {
  const fields: Record<string, string[]> = {};
  const organisation = organisations.find((o) => String(o.id) === values.organisation);
  if (!organisation) fields.organisation = ["Choose the organisation the letter is from."];
  const kind = KINDS.find((k) => k.value === values.kind)?.value;
  if (!kind) fields.kind = ["Choose the kind of letter you need."];
  if (!values.period_start) fields.period_start = ["Enter the first day the letter covers."];
  if (!values.period_end) fields.period_end = ["Enter the last day the letter covers."];
  if (values.period_start && values.period_end && values.period_end < values.period_start)
    fields.period_end = ["The last day must be the same as or after the first day."];
  if (Object.keys(fields).length > 0 || !organisation || !kind)
    throw new ApiError({ message: "Some of the information is not right.", code: "invalid", fields }, 400);
  return {
    organisation: organisation.id,
    organisationName: organisation.name,
    kind,
    period_start: values.period_start ?? "",
    period_end: values.period_end ?? "",
  };
}

/** Ask for a letter: the questions, then "check your answers", then watch it being made. */
export function RequestLetterPage() {
  const organisations = useQuery(letterOrganisationsQuery());
  const request = useRequestLetter();
  const navigate = useNavigate();
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [checkCount, setCheckCount] = useState(0);

  const submitQuestions = useCallback(
    async (values: Record<string, string>) => {
      setCheckCount((count) => count + 1);
      return check(values, organisations.data ?? []);
    },
    [organisations.data],
  );
  const questions = useApiForm({ submit: submitQuestions, onSuccess: setAnswers, fields: FIELDS });

  const send = useCallback(async () => {
    if (!answers) throw new Error("no answers to send");
    return request.mutateAsync({
      organisation: answers.organisation,
      kind: answers.kind,
      period_start: answers.period_start,
      period_end: answers.period_end,
    });
  }, [answers, request]);
  const confirm = useApiForm({
    submit: send,
    onSuccess: (letter) => navigate(`/me/letters/${letter.id}`),
    fields: [],
  });

  if (answers) {
    const kind = KINDS.find((k) => k.value === answers.kind);
    return (
      <>
        <ErrorSummary errors={errorSummaryItems(confirm, {})} submitCount={request.submittedAt} />
        <PageHeading hasErrors={confirm.hasErrors}>Check your answers before asking for the letter</PageHeading>
        <SummaryList
          rows={[
            { key: "Organisation", value: answers.organisationName },
            { key: "Kind of letter", value: kind?.label ?? answers.kind },
            { key: "Period", value: `${formatDay(answers.period_start)} to ${formatDay(answers.period_end)}` },
          ]}
        />
        <form onSubmit={confirm.onSubmit} noValidate>
          <p className="govuk-body">The letter will be made straight away. You can watch it on the next page.</p>
          <Button busy={confirm.busy} busyText="Asking for your letter">
            Ask for the letter
          </Button>{" "}
          <Button type="button" variant="secondary" onClick={() => setAnswers(null)}>
            Change your answers
          </Button>
        </form>
      </>
    );
  }

  const list = organisations.data ?? [];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(questions, LABELS)} submitCount={checkCount} />
        <PageHeading hasErrors={questions.hasErrors}>Ask for a letter</PageHeading>
        {organisations.isPending && <p className="govuk-body" aria-live="polite">Loading the organisations you work with</p>}
        {organisations.isSuccess && list.length === 0 && (
          <p className="govuk-body">
            A letter comes from an organisation you have worked with. When you have taken part in a role, you can ask for
            one here.
          </p>
        )}
        {list.length > 0 && (
          <form onSubmit={questions.onSubmit} noValidate>
            <Radios
              name="organisation"
              legend="Which organisation is the letter from?"
              options={list.map((o) => ({ value: String(o.id), label: o.name }))}
              defaultValue={list.length === 1 ? String(list[0]?.id) : undefined}
              error={questions.fieldErrors.organisation}
            />
            <Radios name="kind" legend="What kind of letter do you need?" options={KINDS} error={questions.fieldErrors.kind} />
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Which dates should it cover?</legend>
              <TextInput name="period_start" label="From" type="date" error={questions.fieldErrors.period_start} className="govuk-input--width-10" />
              <TextInput name="period_end" label="To" type="date" error={questions.fieldErrors.period_end} className="govuk-input--width-10" />
            </fieldset>
            <Button>Continue</Button>
          </form>
        )}
      </div>
    </div>
  );
}

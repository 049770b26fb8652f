import { useQuery } from "@tanstack/react-query";
import { useCallback, useState, type FormEvent } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ErrorSummary";
import { NotFoundPage } from "@/components/NotFoundPage";
import { PageHeading } from "@/components/PageHeading";
import { Panel } from "@/components/Panel";
import { SummaryList } from "@/components/SummaryList";
import { useApiForm } from "@/hooks/useApiForm";
import { usePageTitle } from "@/hooks/usePageTitle";
import { ApiError } from "@/lib/api";

import { roleQuery, useApply, type ApplicationInput, type Role } from "../api/opportunities";
import { Textarea } from "@/components/Textarea";

const FIELDS = ["statement", "adjustments_requested"] as const;
const LABELS: Record<string, string> = {
  statement: "Why you are interested",
  adjustments_requested: "Adjustments you would like",
};

type Answers = ApplicationInput & { adjustments_requested: string };

function errorItems(formError: string | null, fieldErrors: Record<string, string>): ErrorSummaryItem[] {
  const items: ErrorSummaryItem[] = formError ? [{ message: formError }] : [];
  for (const field of FIELDS) {
    const message = fieldErrors[field];
    if (message) items.push({ field, message });
  }
  return items;
}

function AnswersForm({
  role,
  answers,
  serverErrors,
  onDone,
}: {
  role: Role;
  answers: Answers;
  serverErrors: Record<string, string>;
  onDone: (answers: Answers) => void;
}) {
  const [errors, setErrors] = useState<Record<string, string>>(serverErrors);
  const [submits, setSubmits] = useState(0);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const statement = String(form.get("statement") ?? "").trim();
    const adjustments = String(form.get("adjustments_requested") ?? "").trim();
    setSubmits((count) => count + 1);
    if (!statement) {
      setErrors({ statement: "Write a few words about why you are interested in this role." });
      return;
    }
    onDone({ statement, adjustments_requested: adjustments });
  };
  const items = errorItems(null, errors);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={items} submitCount={submits} />
        <PageHeading caption={role.title} hasErrors={items.length > 0}>
          Apply for this role
        </PageHeading>
        <form onSubmit={onSubmit} noValidate>
          <Textarea
            rows={6}
            name="statement"
            label="Why are you interested in this role?"
            hint="A few sentences is enough. You could say what you hope to bring from your own experience. You do not need to share anything you would rather keep private."
            defaultValue={answers.statement}
            error={errors.statement}
          />
          <Textarea
            rows={6}
            name="adjustments_requested"
            label="Are there any adjustments that would help you take part? (optional)"
            hint="For example, breaks, papers in advance, a quiet room, captions, or joining with your camera off."
            defaultValue={answers.adjustments_requested}
            error={errors.adjustments_requested}
          />
          <Button>Continue</Button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/opportunities/${role.id}`}>
            Back to the role
          </Link>
        </p>
      </div>
    </div>
  );
}

function CheckAnswers({
  role,
  answers,
  onChange,
  onSent,
  onFieldErrors,
}: {
  role: Role;
  answers: Answers;
  onChange: () => void;
  onSent: () => void;
  onFieldErrors: (errors: Record<string, string>) => void;
}) {
  const apply = useApply(role.id);
  const submit = useCallback(async () => {
    try {
      return await apply.mutateAsync(answers);
    } catch (error) {
      // A problem with one of the answers is shown next to it, back on the answers page.
      const mine = error instanceof ApiError ? FIELDS.filter((field) => error.fields[field]?.[0]) : [];
      if (error instanceof ApiError && mine.length > 0) {
        onFieldErrors(Object.fromEntries(mine.map((field) => [field, error.fields[field]?.[0] ?? ""])));
      }
      throw error;
    }
  }, [apply, answers, onFieldErrors]);
  const form = useApiForm({ submit, onSuccess: onSent, fields: [] });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorItems(form.formError, {})} submitCount={apply.submittedAt} />
        <PageHeading caption={role.title} hasErrors={form.hasErrors}>
          Check your answers before you apply
        </PageHeading>
        <SummaryList
          rows={[
            { key: "Role", value: `${role.title}, ${role.organisation.name}` },
            { key: LABELS.statement ?? "", value: <span className="app-pre-line">{answers.statement}</span> },
            {
              key: LABELS.adjustments_requested ?? "",
              value: answers.adjustments_requested ? <span className="app-pre-line">{answers.adjustments_requested}</span> : "None asked for",
            },
          ]}
        />
        <p className="govuk-body">
          <button type="button" className="govuk-link app-link-button" onClick={onChange}>
            Change your answers
          </button>
        </p>
        <h2 className="govuk-heading-m">Now send your application</h2>
        <p className="govuk-body">
          {role.organisation.name} will see your name, your answers and the e-mail address on your account. They will not see
          anything about your benefits.
        </p>
        <form onSubmit={form.onSubmit} noValidate>
          <Button busy={form.busy} busyText="Sending your application">
            Send application
          </Button>
        </form>
      </div>
    </div>
  );
}

function Sent({ role }: { role: Role }) {
  usePageTitle("Application sent");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Application sent">Your application for {role.title} has gone to {role.organisation.name}.</Panel>
        <h2 className="govuk-heading-m">What happens next</h2>
        <p className="govuk-body">
          {role.organisation.name} will read your application and let you know by e-mail. You can see your applications, or take
          one back, on your dashboard.
        </p>
        <p className="govuk-body">
          Before you are paid, choose how you want to be paid and tell us which limits matter to you. Nobody but you sees what
          you say about your benefits.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/me/">
            Go to your dashboard
          </Link>
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/opportunities">
            Find more roles
          </Link>
        </p>
      </div>
    </div>
  );
}

type Step = { name: "answers"; errors: Record<string, string> } | { name: "check" } | { name: "sent" };

export function ApplyJourney({ role }: { role: Role }) {
  const [step, setStep] = useState<Step>({ name: "answers", errors: {} });
  const [answers, setAnswers] = useState<Answers>({ statement: "", adjustments_requested: "" });
  const answersDone = useCallback((next: Answers) => {
    setAnswers(next);
    setStep({ name: "check" });
  }, []);
  const onFieldErrors = useCallback((errors: Record<string, string>) => setStep({ name: "answers", errors }), []);
  if (step.name === "sent") return <Sent role={role} />;
  if (step.name === "check") {
    return (
      <CheckAnswers
        role={role}
        answers={answers}
        onChange={() => setStep({ name: "answers", errors: {} })}
        onSent={() => setStep({ name: "sent" })}
        onFieldErrors={onFieldErrors}
      />
    );
  }
  return <AnswersForm role={role} answers={answers} serverErrors={step.errors} onDone={answersDone} />;
}

/** Apply for a role: the answers, a check of them, then the confirmation. */
export function ApplyPage({ roleId }: { roleId: number }) {
  const { data, isPending, error } = useQuery({ ...roleQuery(roleId), enabled: Number.isInteger(roleId) });
  if (!Number.isInteger(roleId) || (error instanceof ApiError && error.status === 404)) return <NotFoundPage />;
  if (error) return <p className="govuk-body">We could not load this role just now. Try again in a few minutes.</p>;
  if (isPending) return <p className="govuk-body">Loading the role</p>;
  return <ApplyJourney role={data} />;
}

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { SummaryList, type SummaryRow } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { longDate, money } from "@/lib/format";

import {
  paymentHistoryQuery,
  paymentQuery,
  useApprovePayment,
  useCancelPayment,
  useReschedulePayment,
  type Payment,
} from "../api/payments";
import { can, FINANCE_ROLES, workspacePath, type Membership } from "../../workspace/sections";
import { PaymentStatusTag } from "./PaymentStatusTag";

const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

type Step =
  | { name: "view"; done?: string }
  | { name: "approve" }
  | { name: "cancel"; reason?: string }
  | { name: "check-cancel"; reason: string }
  | { name: "move"; dueOn?: string }
  | { name: "check-move"; dueOn: string };

function paymentRows(payment: Payment): SummaryRow[] {
  return [
    { key: "Person", value: payment.contributor_name },
    { key: "What for", value: payment.description },
    ...(payment.opportunity_title ? [{ key: "Role", value: payment.opportunity_title }] : []),
    { key: "Kind", value: payment.kind === "fee" ? "Fee" : "Expense" },
    { key: "Offered", value: money(payment.offered) },
    { key: "Payable", value: money(payment.payable) },
    ...(Number(payment.waived) > 0 ? [{ key: "Not taken", value: money(payment.waived) }] : []),
    ...(payment.choice_reason ? [{ key: "Why this amount", value: payment.choice_reason }] : []),
    ...(payment.donated_to ? [{ key: "Given to", value: payment.donated_to }] : []),
    { key: "Due on", value: longDate(payment.due_on) },
    ...(payment.planned_on ? [{ key: "Planned to be paid on", value: longDate(payment.planned_on) }] : []),
    ...(payment.paid_on ? [{ key: "Paid on", value: longDate(payment.paid_on) }] : []),
    { key: "Status", value: <PaymentStatusTag status={payment.status} /> },
    ...(payment.cancel_reason ? [{ key: "Why it was cancelled", value: payment.cancel_reason }] : []),
  ];
}

function History({ paymentId }: { paymentId: number }) {
  const history = useQuery(paymentHistoryQuery(paymentId));
  if (history.isPending) return <p className="govuk-body cp-placeholder">Loading the history</p>;
  if (history.isError) return <p className="govuk-body">We could not load the history. {history.error.message}</p>;
  return (
    <ScrollRegion label="History">
      <Table
        caption="History"
        columns={[
          { header: "When", cell: (entry) => DATE_TIME.format(new Date(entry.changed_at)) },
          { header: "Who", cell: (entry) => entry.changed_by ?? "Coproduce" },
          { header: "What changed", cell: (entry) => entry.summary },
        ]}
        rows={history.data.results}
        rowKey={(entry) => entry.id}
        empty="No changes have been recorded."
      />
    </ScrollRegion>
  );
}

function CancelForm({ reason, onNext, onBack }: { reason?: string; onNext: (reason: string) => void; onBack: () => void }) {
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    if (!value) setError("Say why you are cancelling this payment");
    else onNext(value);
  };
  return (
    <>
      <PageHeading hasErrors={Boolean(error)}>Cancel this payment</PageHeading>
      <ErrorSummary errors={error ? [{ field: "reason", message: error }] : []} />
      <form onSubmit={submit} noValidate>
        <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="reason">
            Why are you cancelling it?
          </label>
          <div id="reason-hint" className="govuk-hint">
            The person it is for can read this.
          </div>
          {error && (
            <p id="reason-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {error}
            </p>
          )}
          <textarea
            className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
            id="reason"
            name="reason"
            rows={3}
            maxLength={1000}
            defaultValue={reason}
            aria-describedby={`reason-hint${error ? " reason-error" : ""}`}
          />
        </div>
        <div className="govuk-button-group">
          <Button>Continue</Button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onBack}>
            Back
          </button>
        </div>
      </form>
    </>
  );
}

function MoveForm({ payment, dueOn, onNext, onBack }: { payment: Payment; dueOn?: string; onNext: (dueOn: string) => void; onBack: () => void }) {
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("due_on") ?? "");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) setError("Enter the new date the payment is due");
    else onNext(value);
  };
  return (
    <>
      <PageHeading hasErrors={Boolean(error)}>Move the date of this payment</PageHeading>
      <ErrorSummary errors={error ? [{ field: "due_on", message: error }] : []} />
      <form onSubmit={submit} noValidate>
        <TextInput
          name="due_on"
          type="date"
          label="New due date"
          hint={`It is due on ${longDate(payment.due_on)} now.`}
          className="govuk-input--width-10"
          defaultValue={dueOn ?? payment.due_on}
          error={error}
        />
        <div className="govuk-button-group">
          <Button>Continue</Button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onBack}>
            Back
          </button>
        </div>
      </form>
    </>
  );
}

/** Check your answers, then act: the API's errors are shown in the summary at the top. */
function Check({
  heading,
  rows,
  confirm,
  warning,
  act,
  onDone,
  onBack,
}: {
  heading: string;
  rows: SummaryRow[];
  confirm: string;
  warning?: boolean;
  act: () => Promise<unknown>;
  onDone: () => void;
  onBack: () => void;
}) {
  const form = useApiForm({ submit: act, onSuccess: onDone, fields: [] });
  return (
    <>
      <PageHeading hasErrors={form.hasErrors}>{heading}</PageHeading>
      <ErrorSummary errors={errorSummaryItems(form, {})} />
      <SummaryList rows={rows} />
      <form onSubmit={form.onSubmit} noValidate>
        <div className="govuk-button-group">
          <Button busy={form.busy} variant={warning ? "warning" : "primary"}>
            {confirm}
          </Button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onBack}>
            Change
          </button>
        </div>
      </form>
    </>
  );
}

/** Finance: one payment, what can be done with it, and who changed what and when. */
export function PaymentPage({ membership, paymentId }: { membership: Membership; paymentId: number }) {
  const organisationId = membership.organisation_id;
  const payment = useQuery(paymentQuery(paymentId));
  const [step, setStep] = useState<Step>({ name: "view" });
  const approve = useApprovePayment(paymentId, organisationId);
  const cancel = useCancelPayment(paymentId, organisationId);
  const move = useReschedulePayment(paymentId, organisationId);

  if (payment.isPending) return <p className="govuk-body cp-placeholder">Loading the payment</p>;
  if (payment.isError || payment.data.organisation !== organisationId) {
    return (
      <>
        <PageHeading>Payment not found</PageHeading>
        <p className="govuk-body">There is no payment with that number in {membership.organisation_name}.</p>
        <Link className="govuk-link govuk-body" to={workspacePath(organisationId, "payments")}>
          Back to payments
        </Link>
      </>
    );
  }
  const data = payment.data;
  const back = () => setStep({ name: "view" });
  const short = [
    { key: "Person", value: data.contributor_name },
    { key: "What for", value: data.description },
    { key: "Payable", value: money(data.payable) },
  ];
  switch (step.name) {
    case "approve":
      return (
        <Check
          heading="Check before you approve this payment"
          rows={[...short, { key: "Due on", value: longDate(data.due_on) }]}
          confirm="Approve payment"
          act={() => approve.mutateAsync()}
          onDone={() => setStep({ name: "view", done: "Payment approved. It can go in the next payment run." })}
          onBack={back}
        />
      );
    case "cancel":
      return <CancelForm reason={step.reason} onNext={(reason) => setStep({ name: "check-cancel", reason })} onBack={back} />;
    case "check-cancel":
      return (
        <Check
          heading="Check before you cancel this payment"
          rows={[...short, { key: "Why", value: step.reason }]}
          confirm="Cancel payment"
          warning
          act={() => cancel.mutateAsync({ reason: step.reason })}
          onDone={() => setStep({ name: "view", done: "Payment cancelled." })}
          onBack={() => setStep({ name: "cancel", reason: step.reason })}
        />
      );
    case "move":
      return <MoveForm payment={data} dueOn={step.dueOn} onNext={(dueOn) => setStep({ name: "check-move", dueOn })} onBack={back} />;
    case "check-move":
      return (
        <Check
          heading="Check before you move this payment"
          rows={[...short, { key: "Due on now", value: longDate(data.due_on) }, { key: "New due date", value: longDate(step.dueOn) }]}
          confirm="Move the date"
          act={() => move.mutateAsync({ due_on: step.dueOn })}
          onDone={() => setStep({ name: "view", done: "The payment's date has moved." })}
          onBack={() => setStep({ name: "move", dueOn: step.dueOn })}
        />
      );
    case "view":
      break;
  }
  const finance = can(membership, FINANCE_ROLES);
  const open = data.status === "pending" || data.status === "approved";
  return (
    <>
      {step.done && <NotificationBanner type="success" heading={step.done} />}
      <PageHeading caption={membership.organisation_name}>{`Payment to ${data.contributor_name}`}</PageHeading>
      <SummaryList rows={paymentRows(data)} />
      {finance && open && (
        <div className="govuk-button-group">
          {data.status === "pending" && (
            <Button type="button" onClick={() => setStep({ name: "approve" })}>
              Approve
            </Button>
          )}
          {data.run === null && (
            <Button type="button" variant="secondary" onClick={() => setStep({ name: "move" })}>
              Move the date
            </Button>
          )}
          {data.run === null && (
            <Button type="button" variant="warning" onClick={() => setStep({ name: "cancel" })}>
              Cancel payment
            </Button>
          )}
        </div>
      )}
      {data.run !== null && data.status === "approved" && (
        <p className="govuk-body">
          This payment is in a{" "}
          <Link className="govuk-link" to={workspacePath(organisationId, "payment-runs", data.run)}>
            payment run
          </Link>
          .
        </p>
      )}
      <History paymentId={paymentId} />
      <Link className="govuk-link govuk-body" to={workspacePath(organisationId, "payments")}>
        Back to payments
      </Link>
    </>
  );
}

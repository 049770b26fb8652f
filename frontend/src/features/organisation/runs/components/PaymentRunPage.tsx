import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { SummaryList } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { longDate, money, todayIso } from "@/lib/format";

import { paymentsQuery } from "../../payments/api/payments";
import { PaymentStatusTag } from "../../payments/components/PaymentStatusTag";
import { runQuery, useMarkRunPaid, type Run } from "../api/runs";
import { workspacePath, type Membership } from "../../workspace/sections";
import { RunDownloads } from "../../exports/components/RunDownloads";
import { RunStatusTag } from "./RunStatusTag";

function Rows({ organisationId, run }: { organisationId: number; run: Run }) {
  const payments = useQuery(paymentsQuery(organisationId, { run: run.id }));
  if (payments.isPending) return <p className="govuk-body cp-placeholder">Loading the payments in this run</p>;
  if (payments.isError) return <p className="govuk-body">We could not load the payments. {payments.error.message}</p>;
  return (
    <ScrollRegion label="Payments in this run">
      <Table
        caption="Payments in this run"
        columns={[
          {
            header: "Person",
            cell: (p) => (
              <Link className="govuk-link" to={workspacePath(organisationId, "payments", p.id)}>
                {p.contributor_name}
                <span className="govuk-visually-hidden">: {p.description}</span>
              </Link>
            ),
          },
          { header: "What for", cell: (p) => p.description },
          { header: "How", cell: (p) => p.method.replace("_", " ") },
          { header: "Status", cell: (p) => <PaymentStatusTag status={p.status} /> },
          { header: "Amount", cell: (p) => money(p.payable), numeric: true },
        ]}
        rows={payments.data.results}
        rowKey={(p) => p.id}
        empty="This run has no payments."
      />
      {payments.data.next && <p className="govuk-body">The first {payments.data.results.length} payments are shown. The download has them all.</p>}
    </ScrollRegion>
  );
}

function MarkPaid({ organisationId, run, onDone }: { organisationId: number; run: Run; onDone: () => void }) {
  const [paidOn, setPaidOn] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const markPaid = useMarkRunPaid(organisationId, run.id);
  const form = useApiForm({ submit: () => markPaid.mutateAsync({ paid_on: paidOn ?? "" }), onSuccess: onDone, fields: ["paid_on"] });
  if (paidOn === null) {
    const next = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const value = String(new FormData(event.currentTarget).get("paid_on") ?? "");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) setError("Enter the date the run was paid");
      else {
        setError(undefined);
        setPaidOn(value);
      }
    };
    return (
      <form onSubmit={next} noValidate>
        <ErrorSummary errors={error ? [{ field: "paid_on", message: error }] : []} />
        <TextInput
          name="paid_on"
          type="date"
          label="Date the money was paid"
          className="govuk-input--width-10"
          defaultValue={run.pay_on ?? todayIso()}
          error={error}
        />
        <Button variant="secondary">Continue</Button>
      </form>
    );
  }
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <ErrorSummary errors={errorSummaryItems(form, { paid_on: "Date paid" })} />
      <h3 className="govuk-heading-s">Check before you mark this run paid</h3>
      <SummaryList
        rows={[
          { key: "Paid on", value: longDate(paidOn) },
          { key: "Payments", value: String(run.payment_count) },
          { key: "Total", value: money(run.total) },
        ]}
      />
      <p className="govuk-body">Each person is told their payment was paid. A paid payment cannot be changed.</p>
      <div className="govuk-button-group">
        <Button busy={form.busy}>Mark run paid</Button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setPaidOn(null)}>
          Change the date
        </button>
      </div>
    </form>
  );
}

/** Finance: one payment run, its payments and totals, its download, and marking it paid. */
export function PaymentRunPage({ membership, runId }: { membership: Membership; runId: number }) {
  const organisationId = membership.organisation_id;
  const location = useLocation();
  const built = (location.state as { built?: boolean } | null)?.built === true;
  const [paid, setPaid] = useState(false);
  const run = useQuery(runQuery(organisationId, runId));
  if (run.isPending) return <p className="govuk-body cp-placeholder">Loading the payment run</p>;
  if (run.isError) {
    return (
      <>
        <PageHeading>Payment run not found</PageHeading>
        <p className="govuk-body">There is no payment run with that number in {membership.organisation_name}.</p>
        <Link className="govuk-link govuk-body" to={workspacePath(organisationId, "payment-runs")}>
          Back to payment runs
        </Link>
      </>
    );
  }
  const data = run.data;
  return (
    <>
      {paid && <NotificationBanner type="success" heading="Run marked paid. Everyone in it has been told." />}
      {built && !paid && <NotificationBanner type="success" heading="Payment run built. Download it for your bank or finance system." />}
      <PageHeading caption={membership.organisation_name}>{`Payment run ${data.reference}`}</PageHeading>
      <SummaryList
        rows={[
          { key: "Status", value: <RunStatusTag status={data.status} /> },
          { key: "Pay date", value: data.pay_on ? longDate(data.pay_on) : "Not set" },
          ...(data.paid_on ? [{ key: "Paid on", value: longDate(data.paid_on) }] : []),
          { key: "Payments", value: String(data.payment_count) },
          { key: "Total", value: money(data.total) },
        ]}
      />
      <RunDownloads organisationId={organisationId} runId={data.id} />
      <Rows organisationId={organisationId} run={data} />
      {data.status === "open" && (
        <>
          <h2 className="govuk-heading-m">Mark the run paid</h2>
          <MarkPaid organisationId={organisationId} run={data} onDone={() => setPaid(true)} />
        </>
      )}
      <Link className="govuk-link govuk-body" to={workspacePath(organisationId, "payment-runs")}>
        Back to payment runs
      </Link>
    </>
  );
}

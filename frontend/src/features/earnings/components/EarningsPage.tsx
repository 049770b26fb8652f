import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { Tag } from "@/components/Tag";
import { TextInput } from "@/components/TextInput";
import { addDays, downloadFile, longDate, money, todayIso } from "@/lib/format";

import { paymentsQuery, periodsQuery, type Limit, type Payment } from "../api/earnings";
import { paymentNote, paymentsCsv, paymentsIn, paymentState } from "../hooks/payments";
import { LimitsSummary } from "./LimitsSummary";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function StateTag({ payment }: { payment: Payment }) {
  const state = paymentState(payment);
  return <Tag colour={state === "Paid" ? "green" : state === "Due" ? "blue" : "grey"}>{state}</Tag>;
}

function PaymentsTable({ caption, payments, empty }: { caption: string; payments: Payment[]; empty: string }) {
  return (
    <ScrollRegion label={caption}>
      <Table
        caption={caption}
        rows={payments}
        rowKey={(payment) => payment.id}
        empty={empty}
        columns={[
          { header: "Counts on", cell: (p) => longDate(p.counts_on) },
          { header: "From", cell: (p) => p.organisation_name },
          { header: "What for", cell: (p) => p.description },
          { header: "Status", cell: (p) => <StateTag payment={p} /> },
          { header: "Offered", cell: (p) => money(p.offered), numeric: true },
          { header: "Paid to you", cell: (p) => money(p.payable), numeric: true },
          { header: "Not taken or given", cell: (p) => money(p.waived), numeric: true },
          { header: "Notes", cell: (p) => paymentNote(p) },
        ]}
      />
    </ScrollRegion>
  );
}

/** Limits that share a period share one history: each period once, with the limits it is for. */
export function distinctPeriods(limits: Limit[]): { key: string; period: Limit["period"]; titles: string[] }[] {
  const periods = new Map<string, { key: string; period: Limit["period"]; titles: string[] }>();
  for (const limit of limits) {
    const key = `${limit.period.start}-${limit.period.end}`;
    const existing = periods.get(key);
    if (existing) existing.titles.push(limit.title);
    else periods.set(key, { key, period: limit.period, titles: [limit.title] });
  }
  return [...periods.values()];
}

function PeriodHistory({ period, titles, payments }: { period: Limit["period"]; titles: string[]; payments: Payment[] }) {
  const inPeriod = paymentsIn(payments, period.start, period.end);
  const fees = inPeriod.filter((p) => p.kind === "fee");
  const expenses = inPeriod.filter((p) => p.kind === "expense");
  const id = `history-${period.start}-${period.end}`;
  return (
    <section className="cp-section" aria-labelledby={id}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={id}>
        {period.label}
      </h3>
      <p className="govuk-body-s">For: {titles.join(", ")}</p>
      <PaymentsTable caption={`Fees counted in ${period.label}`} payments={fees} empty="No fees count in this period." />
      {expenses.length > 0 && (
        <PaymentsTable caption={`Expenses paid back in ${period.label} (these are not earnings)`} payments={expenses} empty="" />
      )}
      <p className="govuk-body-s">
        <Link className="govuk-link" to={`/me/earnings?on=${addDays(period.start, -1)}`}>
          The period before<span className="govuk-visually-hidden"> {period.label}</span>
        </Link>
        {" · "}
        <Link className="govuk-link" to={`/me/earnings?on=${addDays(period.end, 1)}`}>
          The period after<span className="govuk-visually-hidden"> {period.label}</span>
        </Link>
      </p>
    </section>
  );
}

export function EarningsPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get("on");
  const on = asked && DATE.test(asked) ? asked : null;
  const [dateError, setDateError] = useState<string | null>(null);
  const [submits, setSubmits] = useState(0);
  const periods = useQuery(periodsQuery(on));
  const payments = useQuery(paymentsQuery);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("on") ?? "");
    setSubmits((count) => count + 1);
    if (!DATE.test(value)) {
      setDateError("Enter a date, for example 3 December 2026");
      return;
    }
    setDateError(null);
    setParams({ on: value });
  }

  const fees = (payments.data ?? []).filter((p) => p.kind === "fee");
  const expenses = (payments.data ?? []).filter((p) => p.kind === "expense");

  return (
    <>
      <ErrorSummary errors={dateError ? [{ field: "on", message: dateError }] : []} submitCount={submits} />
      <PageHeading hasErrors={dateError !== null}>Your earnings</PageHeading>
      <p className="govuk-body">
        What you have earned from every organisation, against each limit that applies to you. Only you can see this page.
      </p>
      <form onSubmit={onSubmit} noValidate className="cp-inline-form">
        <TextInput
          name="on"
          type="date"
          label="Show the periods that include this date"
          defaultValue={on ?? todayIso()}
          error={dateError ?? undefined}
          className="govuk-input--width-10"
        />
        <Button variant="secondary">Show</Button>
      </form>

      <section className="cp-section" aria-labelledby="periods-heading" aria-busy={periods.isPending}>
        <h2 className="govuk-heading-m" id="periods-heading">
          {on ? `Your limits on ${longDate(on)}` : "Your limits today"}
        </h2>
        {periods.isPending && <p className="govuk-body cp-placeholder">Loading your limits</p>}
        {periods.isError && <p className="govuk-body">We could not load this date. Check the date and try again.</p>}
        {periods.data && <LimitsSummary earnings={periods.data} />}
      </section>

      <section className="cp-section" aria-labelledby="history-heading" aria-busy={payments.isPending}>
        <h2 className="govuk-heading-m" id="history-heading">
          Payments in each period
        </h2>
        {(periods.isPending || payments.isPending) && <p className="govuk-body cp-placeholder">Loading your payments</p>}
        {payments.isError && <p className="govuk-body">We could not load your payments just now. Try again in a few minutes.</p>}
        {periods.data &&
          payments.data &&
          distinctPeriods(periods.data.limits).map((p) => <PeriodHistory key={p.key} period={p.period} titles={p.titles} payments={payments.data} />)}
      </section>

      <section className="cp-section" aria-labelledby="all-heading">
        <h2 className="govuk-heading-m" id="all-heading">
          All your payments
        </h2>
        {payments.data && (
          <>
            <PaymentsTable caption="Fees" payments={fees} empty="You have no fees yet." />
            <PaymentsTable caption="Expenses paid back (not earnings)" payments={expenses} empty="You have no expenses paid back yet." />
            <Button
              type="button"
              variant="secondary"
              disabled={payments.data.length === 0}
              onClick={() => downloadFile("coproduce-payments.csv", "text/csv;charset=utf-8", paymentsCsv(payments.data))}
            >
              Download your payments (CSV)
            </Button>
          </>
        )}
      </section>
    </>
  );
}

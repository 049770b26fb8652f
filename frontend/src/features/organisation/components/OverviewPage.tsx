import { useQuery } from "@tanstack/react-query";

import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { SummaryList } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { usePageTitle } from "@/hooks/usePageTitle";
import { clockTime, money, weekdayDate } from "@/lib/format";

import { dashboardQuery, type Dashboard, type Spend } from "../api/overview";
import type { Membership } from "../workspace/sections";

type SpendRow = { period: string; spend: Spend };

function SpendTable({ dashboard }: { dashboard: Dashboard }) {
  const rows: SpendRow[] = [
    { period: `This month (from ${weekdayDate(dashboard.this_month.start)})`, spend: dashboard.this_month },
    { period: `This tax year (from ${weekdayDate(dashboard.this_tax_year.start)})`, spend: dashboard.this_tax_year },
  ];
  return (
    <ScrollRegion label="Spend">
    <Table
      caption="Spend"
      columns={[
        { header: "Period", cell: (row) => row.period },
        { header: "Fees", cell: (row) => money(row.spend.fees), numeric: true },
        { header: "Expenses", cell: (row) => money(row.spend.expenses), numeric: true },
        { header: "Total", cell: (row) => money(row.spend.total), numeric: true },
        { header: "Budget", cell: (row) => (row.spend.budget === null ? "None set" : money(row.spend.budget)), numeric: true },
        { header: "Left", cell: (row) => (row.spend.remaining === null ? "" : money(row.spend.remaining)), numeric: true },
      ]}
      rows={rows}
      rowKey={(row) => row.period}
      empty=""
    />
    </ScrollRegion>
  );
}

function Waiting({ dashboard }: { dashboard: Dashboard }) {
  return (
    <SummaryList
      rows={[
        { key: "Fees waiting for approval", value: `${dashboard.pending_approvals} (${money(dashboard.pending_total)})` },
        { key: "Approved, not yet in a payment run", value: String(dashboard.approved_not_in_run) },
        { key: "Expense items to decide", value: String(dashboard.open_expense_items) },
      ]}
    />
  );
}

/** An organisation member's overview of their organisation. */
export function OverviewPage({ membership }: { membership: Membership }) {
  usePageTitle(`Overview: ${membership.organisation_name}`);
  const dashboard = useQuery(dashboardQuery(membership.organisation_id));
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Overview</PageHeading>
      {!membership.organisation_verified && (
        <div className="govuk-inset-text">
          This organisation is not verified yet. Coproduce checks each organisation before it can
          publish roles or issue letters.
        </div>
      )}
      {dashboard.isPending && <p className="govuk-body cp-placeholder">Loading the overview</p>}
      {dashboard.isError && <p className="govuk-body">We could not load the overview just now. Try again in a few minutes.</p>}
      {dashboard.data && (
        <>
          <SpendTable dashboard={dashboard.data} />
          <h2 className="govuk-heading-m">Waiting</h2>
          <Waiting dashboard={dashboard.data} />
          <Table
            caption="Next sessions"
            columns={[
              { header: "Date", cell: (s) => weekdayDate(s.date) },
              { header: "Time", cell: (s) => `${clockTime(s.start_time)} to ${clockTime(s.end_time)}` },
              { header: "Role", cell: (s) => s.opportunity_title },
            ]}
            rows={dashboard.data.next_sessions}
            rowKey={(s) => s.id}
            empty="No sessions are booked."
          />
        </>
      )}
    </>
  );
}

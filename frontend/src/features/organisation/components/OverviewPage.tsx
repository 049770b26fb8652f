import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { SummaryList } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { usePageTitle } from "@/hooks/usePageTitle";
import type { Schemas } from "@/lib/api";
import { clockTime, money, weekdayDate } from "@/lib/format";

import { dashboardQuery, type Dashboard, type Spend } from "../api/overview";

type Membership = Schemas["Membership"];

const ROLE_NAMES: Record<string, string> = {
  owner: "owner",
  admin: "admin",
  coordinator: "involvement coordinator",
  finance: "finance officer",
  viewer: "viewer",
};

/** "an owner", "a finance officer". */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

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

/** An organisation member's overview of their organisation, with a switch to their others. */
export function OverviewPage({ membership, memberships }: { membership: Membership; memberships: Membership[] }) {
  usePageTitle(`Overview: ${membership.organisation_name}`);
  const dashboard = useQuery(dashboardQuery(membership.organisation_id));
  const others = memberships.filter((m) => m.organisation_id !== membership.organisation_id);
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Overview</PageHeading>
      {!membership.organisation_verified && (
        <div className="govuk-inset-text">
          This organisation is not verified yet. Coproduce checks each organisation before it can
          publish roles or issue letters.
        </div>
      )}
      {others.length > 0 && (
        <nav aria-label="Your other organisations" className="cp-section">
          <h2 className="govuk-heading-s">Your other organisations</h2>
          <ul className="govuk-list">
            {others.map((other) => (
              <li key={other.organisation_id}>
                <Link className="govuk-link" to={`/organisations/${other.organisation_id}/`}>
                  {other.organisation_name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
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
      <p className="govuk-body">
        You are {withArticle(ROLE_NAMES[membership.role] ?? membership.role)} here. Managing roles, people, payments and letters from these
        pages is on its way; until then use the <a className="govuk-link" href="/api/docs/">API</a>.
      </p>
    </>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { SummaryList } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { Tag } from "@/components/Tag";
import { usePageTitle } from "@/hooks/usePageTitle";
import { clockTime, money, weekdayDate } from "@/lib/format";

import { overviewQuery, type Overview, type Spend, type Task } from "../api/overview";
import { workspacePath, type Membership } from "../workspace/sections";

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What each kind of task says, and the page that does it. */
const TASKS: Record<Task["kind"], { text: (count: number) => string; path: string }> = {
  applications: { text: (n) => `Decide on ${plural(n, "application", "applications")}`, path: "applications" },
  registers: { text: (n) => `Log attendance for ${plural(n, "past session", "past sessions")}`, path: "people" },
  approvals: { text: (n) => `Approve or cancel ${plural(n, "fee", "fees")}`, path: "payments?status=pending" },
  expense_items: { text: (n) => `Decide on ${plural(n, "expense item", "expense items")}`, path: "expense-claims" },
  payment_run: { text: (n) => `Put ${plural(n, "approved payment", "approved payments")} in a payment run`, path: "payment-runs/new" },
  letters: { text: (n) => `Issue ${plural(n, "letter", "letters")} contributors asked for`, path: "letters" },
};

function Today({ overview, organisationId }: { overview: Overview; organisationId: number }) {
  return (
    <section className="cp-section" aria-labelledby="today-heading">
      <h2 className="govuk-heading-m" id="today-heading">
        What needs doing today
      </h2>
      {overview.today.length === 0 ? (
        <p className="govuk-body">Nothing needs doing today.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {overview.today.map((task) => (
            <li key={task.kind}>
              <Link className="govuk-link" to={workspacePath(organisationId, TASKS[task.kind].path)}>
                {TASKS[task.kind].text(task.count)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type SpendRow = { period: string; spend: Spend };

function spendRows(overview: Overview): SpendRow[] {
  return [
    { period: "This month", spend: overview.this_month },
    { period: "This tax year", spend: overview.this_tax_year },
  ];
}

/** One bar: spend as a share of the budget. The table below says the same in words. */
function SpendBar({ row }: { row: SpendRow }) {
  const { total, budget } = row.spend;
  const share = budget && Number(budget) > 0 ? Math.min(100, (Number(total) / Number(budget)) * 100) : null;
  return (
    <div className="cp-limit">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>{row.period}:</strong> {money(total)}
        {budget ? ` spent of a ${money(budget)} budget` : " spent (no budget set)"}
      </p>
      {share !== null && (
        <svg className="cp-chart__bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <rect x="0" y="1" width="100" height="10" className="cp-chart__track" />
          <rect x="0" y="1" width={share} height="10" className={share >= 100 ? "cp-chart__limit" : "cp-chart__paid"} />
        </svg>
      )}
    </div>
  );
}

function SpendSection({ overview }: { overview: Overview }) {
  const rows = spendRows(overview);
  return (
    <section className="cp-section" aria-labelledby="spend-heading">
      <h2 className="govuk-heading-m" id="spend-heading">
        Spend against budget
      </h2>
      <figure className="cp-chart">
        {rows.map((row) => (
          <SpendBar key={row.period} row={row} />
        ))}
        <figcaption className="govuk-body-s">
          Fees and expenses approved or paid, not counting cancelled payments. The table has the same figures.
        </figcaption>
      </figure>
      <ScrollRegion label="Spend">
        <Table
          caption="Spend"
          columns={[
            { header: "Period", cell: (row) => `${row.period} (from ${weekdayDate(row.spend.start)})` },
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
    </section>
  );
}

function Waiting({ overview }: { overview: Overview }) {
  return (
    <section className="cp-section" aria-labelledby="waiting-heading">
      <h2 className="govuk-heading-m" id="waiting-heading">
        Waiting
      </h2>
      <SummaryList
        rows={[
          { key: "Fees waiting for approval", value: `${overview.pending_approvals} (${money(overview.pending_total)})` },
          { key: "Approved, not yet in a payment run", value: String(overview.approved_not_in_run) },
          { key: "Expense items to decide", value: String(overview.open_expense_items) },
          { key: "Letters waiting to be issued", value: String(overview.letters_waiting) },
        ]}
      />
    </section>
  );
}

function NeedingCare({ overview }: { overview: Overview }) {
  return (
    <section className="cp-section" aria-labelledby="care-heading">
      <h2 className="govuk-heading-m" id="care-heading">
        Contributors near or over a limit
      </h2>
      <p className="govuk-body">
        Only people who chose to share this with the organisations they work with are shown. Talk to them before booking
        more paid work: they may prefer expenses only, a lower fee or a later date.
      </p>
      {overview.contributors_needing_care.length === 0 ? (
        <p className="govuk-body">No one who shares this is near or over a limit today.</p>
      ) : (
        <ul className="govuk-list">
          {overview.contributors_needing_care.map((person) => (
            <li key={person.contributor_id}>
              {person.name}{" "}
              {person.status === "over" ? <Tag colour="red">No room for more paid work</Tag> : <Tag colour="yellow">Close to a limit</Tag>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An organisation member's overview of their organisation. */
export function OverviewPage({ membership }: { membership: Membership }) {
  // Runs after PageHeading's: the title names the organisation too.
  usePageTitle(`Overview: ${membership.organisation_name}`);
  const overview = useQuery(overviewQuery(membership.organisation_id));
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Overview</PageHeading>
      {!membership.organisation_verified && (
        <div className="govuk-inset-text">
          This organisation is not verified yet. Coproduce checks each organisation before it can publish roles or issue
          letters.
        </div>
      )}
      {overview.isPending && <p className="govuk-body cp-placeholder">Loading the overview</p>}
      {overview.isError && <p className="govuk-body">We could not load the overview just now. Try again in a few minutes.</p>}
      {overview.data && (
        <>
          <Today overview={overview.data} organisationId={membership.organisation_id} />
          <SpendSection overview={overview.data} />
          <Waiting overview={overview.data} />
          <NeedingCare overview={overview.data} />
          <section className="cp-section">
            <Table
              caption="Next sessions"
              columns={[
                { header: "Date", cell: (s) => weekdayDate(s.date) },
                { header: "Time", cell: (s) => `${clockTime(s.start_time)} to ${clockTime(s.end_time)}` },
                { header: "Role", cell: (s) => s.opportunity_title },
              ]}
              rows={overview.data.next_sessions}
              rowKey={(s) => s.id}
              empty="No sessions are booked."
            />
          </section>
        </>
      )}
    </>
  );
}

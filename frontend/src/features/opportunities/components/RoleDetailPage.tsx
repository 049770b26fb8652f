import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import { PageHeading } from "@/components/PageHeading";
import { SummaryList } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { Tag } from "@/components/Tag";
import { ApiError } from "@/lib/api";

import { roleQuery, roleSessionsQuery, type Role } from "../api/opportunities";
import { formatDay, formatTime, involvementLabel } from "../hooks/roleFilters";

const EXPENSES: Record<string, string> = {
  travel: "Travel",
  care: "Care and childcare",
  meals: "Meals",
  internet_phone: "Internet and phone",
  other: "Other costs",
};

function Paragraphs({ text, empty }: { text: string; empty: string }) {
  const parts = text.split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) return <p className="govuk-body">{empty}</p>;
  return (
    <>
      {parts.map((part) => (
        <p className="govuk-body app-pre-line" key={part}>
          {part}
        </p>
      ))}
    </>
  );
}

function Sessions({ roleId }: { roleId: number }) {
  const { data, isPending, isError } = useQuery(roleSessionsQuery(roleId));
  if (isPending) return <p className="govuk-body">Loading the dates</p>;
  if (isError) return <p className="govuk-body">We could not load the dates just now.</p>;
  return (
    <Table
      caption="Dates and times"
      rows={data.results}
      rowKey={(session) => session.id}
      empty="The dates have not been set yet. The organisation will agree them with the people who take part."
      columns={[
        { header: "Date", cell: (session) => formatDay(session.date) },
        { header: "Time", cell: (session) => `${formatTime(session.start_time)} to ${formatTime(session.end_time)}` },
        { header: "Where", cell: (session) => session.location || "Online" },
      ]}
    />
  );
}

function ApplyAction({ role, signedIn }: { role: Role; signedIn: boolean }) {
  if (role.status !== "published") {
    return <p className="govuk-body">This role is not taking applications.</p>;
  }
  return (
    <>
      <p className="govuk-body">
        <Link to={`/opportunities/${role.id}/apply`} className="govuk-button" role="button" draggable="false">
          Apply for this role
        </Link>
      </p>
      {!signedIn && (
        <p className="govuk-body">
          You will need to sign in first. New to Coproduce? <Link className="govuk-link" to="/register">Create an account</Link>.
        </p>
      )}
    </>
  );
}

export function RoleDetail({ role, signedIn }: { role: Role; signedIn: boolean }) {
  const expenses = role.expenses_covered.map((code) => EXPENSES[code] ?? code);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading caption={role.organisation.name}>{role.title}</PageHeading>
        <p className="govuk-body-l">{role.summary}</p>
        {role.organisation.is_verified && (
          <p className="govuk-body">
            <Tag colour="green">Checked organisation</Tag>
          </p>
        )}
        <SummaryList
          rows={[
            { key: "Pay", value: role.pay_summary },
            { key: "Type", value: involvementLabel(role.involvement_type) },
            {
              key: "Where",
              value: role.is_remote ? (role.location ? `Online or in ${role.location}` : "Online") : role.location || "To be agreed",
            },
            {
              key: "How much time",
              value:
                role.session_count && role.hours_per_session
                  ? `${role.session_count} ${role.session_count === 1 ? "session" : "sessions"} of ${Number(role.hours_per_session)} hours`
                  : "To be agreed",
            },
            { key: "Places left", value: `${role.places_left} of ${role.places}` },
            { key: "Apply by", value: formatDay(role.closing_date) },
          ]}
        />
        <h2 className="govuk-heading-m">About the role</h2>
        <Paragraphs text={role.description} empty="The organisation has not written more about this role." />
        <h2 className="govuk-heading-m">Pay and expenses</h2>
        <p className="govuk-body">{role.pay_summary}.</p>
        <p className="govuk-body">You choose how you are paid: the full fee, a lower amount, a capped amount, expenses only, or a gift to a charity.</p>
        {expenses.length > 0 ? (
          <>
            <p className="govuk-body">The organisation pays back these costs:</p>
            <ul className="govuk-list govuk-list--bullet">
              {expenses.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="govuk-body">The organisation has not said it pays back any costs.</p>
        )}
        {role.expenses_notes && <Paragraphs text={role.expenses_notes} empty="" />}
        <p className="govuk-body">
          <Link className="govuk-link" to="/about/payments">
            How payments can affect benefits
          </Link>
        </p>
        <h2 className="govuk-heading-m">Accessibility and adjustments</h2>
        <Paragraphs text={role.accessibility} empty="The organisation has not said what it offers yet. You can ask for the adjustments you need when you apply." />
        <h2 className="govuk-heading-m">Dates</h2>
        <Sessions roleId={role.id} />
        <h2 className="govuk-heading-m">Apply</h2>
        <ApplyAction role={role} signedIn={signedIn} />
      </div>
    </div>
  );
}

/** A role's page: its pay, expenses, sessions and adjustments, and the way to apply. */
export function RoleDetailPage({ roleId, signedIn }: { roleId: number; signedIn: boolean }) {
  const { data, isPending, error } = useQuery({ ...roleQuery(roleId), enabled: Number.isInteger(roleId) });
  // Ask for the dates at the same time as the role, and show the page once both are in, so
  // nothing moves when the dates arrive.
  const sessions = useQuery({ ...roleSessionsQuery(roleId), enabled: Number.isInteger(roleId) });
  if (!Number.isInteger(roleId) || (error instanceof ApiError && error.status === 404)) return <NotFoundPage />;
  if (error) return <p className="govuk-body">We could not load this role just now. Try again in a few minutes.</p>;
  if (isPending || sessions.isPending) return <p className="govuk-body app-loading">Loading the role</p>;
  return <RoleDetail role={data} signedIn={signedIn} />;
}

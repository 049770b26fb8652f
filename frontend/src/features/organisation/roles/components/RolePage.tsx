import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { SummaryList } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { Tag } from "@/components/Tag";
import { ApiError } from "@/lib/api";
import { clockTime, longDate, weekdayDate } from "@/lib/format";

import { can, COORDINATOR_ROLES, workspacePath, type Membership } from "../../workspace/sections";
import {
  orgRoleQuery,
  orgSessionsQuery,
  STATUS_COLOURS,
  STATUS_LABELS,
  useCopyRole,
  useRoleAction,
  type OrgRole,
  type OrgSession,
  type RoleAction,
} from "../api/roles";

const EXPENSE_NAMES: Record<string, string> = {
  travel: "travel",
  care: "care and childcare",
  meals: "meals",
  internet_phone: "internet and phone",
  other: "other",
};

function Details({ role }: { role: OrgRole }) {
  return (
    <SummaryList
      rows={[
        { key: "Status", value: <Tag colour={STATUS_COLOURS[role.status]}>{STATUS_LABELS[role.status]}</Tag> },
        { key: "Summary", value: role.summary },
        { key: "Pay offer", value: role.pay_summary },
        { key: "Expenses covered", value: role.expenses_covered.map((e) => EXPENSE_NAMES[e] ?? e).join(", ") || "None" },
        { key: "Expenses policy", value: role.expenses_notes || "Not given" },
        { key: "Accessibility and adjustments", value: role.accessibility || "Not given" },
        { key: "Place", value: [role.location, role.is_remote ? "online" : ""].filter(Boolean).join(", ") || "Not given" },
        { key: "Places", value: `${role.places_filled} of ${role.places} filled` },
        { key: "Closing date", value: longDate(role.closing_date) },
      ]}
    />
  );
}

function SessionsTable({ sessions, role, editable }: { sessions: OrgSession[]; role: OrgRole; editable: boolean }) {
  const base = (session: OrgSession, ...rest: string[]) =>
    workspacePath(role.organisation.id, "roles", role.id, "sessions", session.id, ...rest);
  return (
    <ScrollRegion label="Sessions">
      <Table
        caption="Sessions"
        columns={[
          { header: "Date", cell: (s) => weekdayDate(s.date) },
          { header: "Time", cell: (s) => `${clockTime(s.start_time)} to ${clockTime(s.end_time)}` },
          { header: "Place", cell: (s) => s.location || (s.online_link ? "Online" : "") },
          {
            header: "Status",
            cell: (s) => (s.status === "cancelled" ? <Tag colour="red">Cancelled</Tag> : <Tag colour="blue">Scheduled</Tag>),
          },
          ...(editable
            ? [
                {
                  header: "Actions",
                  cell: (s: OrgSession) =>
                    s.status === "cancelled" ? (
                      ""
                    ) : (
                      <ul className="govuk-list cp-link-list">
                        <li>
                          <Link className="govuk-link" to={base(s, "edit")}>
                            Change or move<span className="govuk-visually-hidden"> the session on {weekdayDate(s.date)}</span>
                          </Link>
                        </li>
                        <li>
                          <Link className="govuk-link" to={base(s, "cancel")}>
                            Cancel<span className="govuk-visually-hidden"> the session on {weekdayDate(s.date)}</span>
                          </Link>
                        </li>
                      </ul>
                    ),
                },
              ]
            : []),
        ]}
        rows={sessions}
        rowKey={(s) => s.id}
        empty="No sessions are scheduled yet."
      />
    </ScrollRegion>
  );
}

const DONE: Record<RoleAction, string> = {
  publish: "The role is published. People can find it and apply.",
  close: "The role is closed. It takes no more applications; people taking part carry on.",
};

function Actions({ role, membership, onDone }: { role: OrgRole; membership: Membership; onDone: (message: string | null) => void }) {
  const organisationId = membership.organisation_id;
  const navigate = useNavigate();
  const action = useRoleAction(organisationId, role.id);
  const copy = useCopyRole(organisationId, role.id);
  const [error, setError] = useState<string | null>(null);
  const run = async (which: RoleAction) => {
    setError(null);
    onDone(null);
    try {
      await action.mutateAsync(which);
      onDone(DONE[which]);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Something went wrong. Try again.");
    }
  };
  const runCopy = async () => {
    setError(null);
    try {
      const made = await copy.mutateAsync();
      navigate(workspacePath(organisationId, "roles", made.id, "edit"), {
        state: { banner: "This is a copy of the role, saved as a draft with no sessions. Check its details." },
      });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Something went wrong. Try again.");
    }
  };
  return (
    <>
      <ErrorSummary errors={error ? [{ message: error }] : []} />
      <div className="govuk-button-group">
        {(role.status === "draft" || role.status === "closed") && (
          <Button type="button" busy={action.isPending} onClick={() => void run("publish")}>
            Publish
          </Button>
        )}
        {role.status !== "archived" && (
          <Link className="govuk-button govuk-button--secondary" to={workspacePath(organisationId, "roles", role.id, "edit")}>
            Change the role
          </Link>
        )}
        {role.status === "published" && (
          <Button type="button" variant="secondary" busy={action.isPending} onClick={() => void run("close")}>
            Close to applications
          </Button>
        )}
        <Button type="button" variant="secondary" busy={copy.isPending} onClick={() => void runCopy()}>
          Copy as a new draft
        </Button>
      </div>
    </>
  );
}

/** One role: its details, its sessions, and (for coordinators) what can be done with it. */
export function RolePage({ membership, roleId }: { membership: Membership; roleId: number }) {
  const organisationId = membership.organisation_id;
  const location = useLocation();
  const [banner, setBanner] = useState<string | null>((location.state as { banner?: string } | null)?.banner ?? null);
  const role = useQuery(orgRoleQuery(organisationId, roleId));
  const sessions = useQuery(orgSessionsQuery(organisationId, roleId));
  const editable = can(membership, COORDINATOR_ROLES);

  if (role.isPending) return <p className="govuk-body cp-placeholder">Loading the role</p>;
  if (role.isError || role.data.organisation.id !== organisationId) {
    return (
      <>
        <PageHeading caption={membership.organisation_name}>Role not found</PageHeading>
        <p className="govuk-body">There is no role with that address in this organisation.</p>
      </>
    );
  }
  return (
    <>
      {banner && <NotificationBanner type="success" heading={banner} />}
      <PageHeading caption={membership.organisation_name}>{role.data.title}</PageHeading>
      {editable && <Actions role={role.data} membership={membership} onDone={setBanner} />}
      <Details role={role.data} />
      <h2 className="govuk-heading-m">Sessions</h2>
      {editable && role.data.status !== "archived" && (
        <p className="govuk-body">
          <Link className="govuk-link" to={workspacePath(organisationId, "roles", roleId, "sessions", "new")}>
            Add a session
          </Link>
        </p>
      )}
      {sessions.isPending && <p className="govuk-body cp-placeholder">Loading sessions</p>}
      {sessions.data && <SessionsTable sessions={sessions.data.results} role={role.data} editable={editable} />}
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "applications") + `?role=${roleId}`}>
          Applications for this role
        </Link>
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "roles")}>
          Back to roles
        </Link>
      </p>
    </>
  );
}

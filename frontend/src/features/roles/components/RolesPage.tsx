import { useQuery } from "@tanstack/react-query";

import { Button } from "@/components/Button";
import { ErrorSummary } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { Tag, type TagColour } from "@/components/Tag";
import { ApiError } from "@/lib/api";
import { longDate } from "@/lib/format";

import { applicationsQuery, engagementsQuery, useWithdrawApplication } from "../api/roles";
import { SessionTable, useUpcomingSessions } from "./SessionList";

const APPLICATION_STATUS: Record<string, { text: string; colour: TagColour }> = {
  submitted: { text: "Waiting for a decision", colour: "blue" },
  accepted: { text: "Accepted", colour: "green" },
  declined: { text: "Not this time", colour: "grey" },
  withdrawn: { text: "Withdrawn", colour: "grey" },
};
const ENGAGEMENT_STATUS: Record<string, { text: string; colour: TagColour }> = {
  active: { text: "Taking part", colour: "green" },
  completed: { text: "Finished", colour: "grey" },
  withdrawn: { text: "Left", colour: "grey" },
};

export function RolesPage() {
  const applications = useQuery(applicationsQuery);
  const engagements = useQuery(engagementsQuery);
  const upcoming = useUpcomingSessions(engagements.data ?? []);
  const withdraw = useWithdrawApplication();
  const withdrawError = withdraw.error instanceof ApiError ? withdraw.error.message : withdraw.error ? "We could not withdraw that application. Try again." : null;

  return (
    <>
      <ErrorSummary errors={withdrawError ? [{ message: withdrawError }] : []} submitCount={withdraw.submittedAt} />
      <PageHeading>Your roles</PageHeading>

      <section className="cp-section" aria-labelledby="applications-heading" aria-busy={applications.isPending}>
        <h2 className="govuk-heading-m" id="applications-heading">
          Applications
        </h2>
        {applications.isPending && <p className="govuk-body cp-placeholder">Loading your applications</p>}
        {applications.data && (
          <ScrollRegion label={"Roles you have applied for"}>
            <Table
              caption="Roles you have applied for"
              rows={applications.data}
              rowKey={(a) => a.id}
              empty="You have not applied for any roles yet."
              columns={[
                { header: "Role", cell: (a) => `${a.opportunity.title} (${a.opportunity.organisation_name})` },
                { header: "Sent", cell: (a) => longDate(a.created_at) },
                {
                  header: "Status",
                  cell: (a) => {
                    const s = APPLICATION_STATUS[a.status] ?? { text: a.status, colour: "grey" as const };
                    // When the organisation declined, the kind words they wrote go with it.
                    return (
                      <>
                        <Tag colour={s.colour}>{s.text}</Tag>
                        {a.status === "declined" && a.decision_message && (
                          <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{a.decision_message}</p>
                        )}
                      </>
                    );
                  },
                },
                {
                  header: "Action",
                  cell: (a) =>
                    a.status === "submitted" ? (
                      <Button
                        type="button"
                        variant="warning"
                        className="govuk-!-margin-bottom-0"
                        busy={withdraw.isPending && withdraw.variables === a.id}
                        busyText="Withdrawing"
                        onClick={() => withdraw.mutate(a.id)}
                      >
                        Withdraw<span className="govuk-visually-hidden"> your application for {a.opportunity.title}</span>
                      </Button>
                    ) : (
                      ""
                    ),
                },
              ]}
            />
          </ScrollRegion>
        )}
      </section>

      <section className="cp-section" aria-labelledby="engagements-heading" aria-busy={engagements.isPending}>
        <h2 className="govuk-heading-m" id="engagements-heading">
          Roles you are taking part in
        </h2>
        {engagements.isPending && <p className="govuk-body cp-placeholder">Loading your roles</p>}
        {engagements.data && (
          <ScrollRegion label={"Your roles"}>
            <Table
              caption="Your roles"
              rows={engagements.data}
              rowKey={(e) => e.id}
              empty="You are not taking part in any roles yet."
              columns={[
                { header: "Role", cell: (e) => e.opportunity.title },
                { header: "Organisation", cell: (e) => e.opportunity.organisation_name },
                { header: "Since", cell: (e) => longDate(e.created_at) },
                {
                  header: "Status",
                  cell: (e) => {
                    const s = ENGAGEMENT_STATUS[e.status] ?? { text: e.status, colour: "grey" as const };
                    return <Tag colour={s.colour}>{s.text}</Tag>;
                  },
                },
              ]}
            />
          </ScrollRegion>
        )}
      </section>

      <section className="cp-section" aria-labelledby="sessions-heading" aria-busy={upcoming.isPending}>
        <h2 className="govuk-heading-m" id="sessions-heading">
          Sessions
        </h2>
        {upcoming.isPending ? <p className="govuk-body cp-placeholder">Loading your sessions</p> : <SessionTable rows={upcoming.rows} caption="Your sessions from today" />}
      </section>
    </>
  );
}

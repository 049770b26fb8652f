import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { Tag, type TagColour } from "@/components/Tag";
import { clockTime, weekdayDate } from "@/lib/format";

import { workspacePath, type Membership } from "../../workspace/sections";
import { contributorsQuery, engagementsQuery, registersWaitingQuery, type EngagedContributor, type Engagement } from "../api/people";
import { LimitStatusTag, needsATalk, roomText } from "./Room";

export const ENGAGEMENT_STATUS: Record<Engagement["status"], { label: string; colour: TagColour }> = {
  active: { label: "Taking part", colour: "blue" },
  completed: { label: "Completed", colour: "green" },
  withdrawn: { label: "Withdrawn", colour: "grey" },
};

function RegistersWaiting({ organisationId }: { organisationId: number }) {
  const waiting = useQuery(registersWaitingQuery(organisationId));
  return (
    <>
      <h2 className="govuk-heading-m">Registers to log</h2>
      {waiting.isPending && <p className="govuk-body cp-placeholder">Loading sessions</p>}
      {waiting.isError && <p className="govuk-body">We could not load the sessions just now. Try again in a few minutes.</p>}
      {waiting.data && (
        <ScrollRegion label="Registers to log">
          <Table
            caption="Sessions this week and before with attendance still to log"
            columns={[
              { header: "Date", cell: (s) => `${weekdayDate(s.date)}, ${clockTime(s.start_time)}` },
              { header: "Role", cell: (s) => s.opportunity_title },
              { header: "Still to log", cell: (s) => String(s.waiting), numeric: true },
              {
                header: "Register",
                cell: (s) => (
                  <Link className="govuk-link" to={workspacePath(organisationId, "sessions", s.id, "register")}>
                    Log the register<span className="govuk-visually-hidden"> for {s.opportunity_title} on {weekdayDate(s.date)}</span>
                  </Link>
                ),
              },
            ]}
            rows={waiting.data.results}
            rowKey={(s) => s.id}
            empty="Every session so far has its register logged."
          />
        </ScrollRegion>
      )}
    </>
  );
}

/** Engaged contributors with their status and room for the next fee, and the registers to log. */
export function PeoplePage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const engagements = useQuery(engagementsQuery(organisationId));
  const contributors = useQuery(contributorsQuery(organisationId));
  const byContributor = new Map<number, EngagedContributor>((contributors.data?.results ?? []).map((c) => [c.contributor_id, c]));
  const talkTo = (contributors.data?.results ?? []).filter((c) => needsATalk(c));

  return (
    <>
      <PageHeading caption={membership.organisation_name}>People and attendance</PageHeading>
      {talkTo.length > 0 && (
        <NotificationBanner heading="Talk to these people before booking them for more paid work">
          <ul className="govuk-list govuk-list--bullet">
            {talkTo.map((c) => (
              <li key={c.contributor_id}>
                {c.name}: {roomText(c)}
              </li>
            ))}
          </ul>
        </NotificationBanner>
      )}
      <RegistersWaiting organisationId={organisationId} />
      <h2 className="govuk-heading-m">People</h2>
      {engagements.isPending && <p className="govuk-body cp-placeholder">Loading people</p>}
      {engagements.isError && <p className="govuk-body">We could not load people just now. Try again in a few minutes.</p>}
      {engagements.data && (
        <ScrollRegion label="People">
          <Table
            caption="People on your roles"
            columns={[
              { header: "Name", cell: (e) => e.contributor.full_name },
              { header: "Role", cell: (e) => e.opportunity.title },
              {
                header: "Status",
                cell: (e) => <Tag colour={ENGAGEMENT_STATUS[e.status].colour}>{ENGAGEMENT_STATUS[e.status].label}</Tag>,
              },
              {
                header: "Limits",
                cell: (e) => <LimitStatusTag contributor={byContributor.get(e.contributor.id)} />,
              },
              {
                header: "Room for your next fee",
                cell: (e) => (e.status === "active" ? roomText(byContributor.get(e.contributor.id)) : ""),
              },
              {
                header: "Details",
                cell: (e) => (
                  <Link className="govuk-link" to={workspacePath(organisationId, "people", e.id)}>
                    View<span className="govuk-visually-hidden"> {e.contributor.full_name} on {e.opportunity.title}</span>
                  </Link>
                ),
              },
            ]}
            rows={engagements.data.results}
            rowKey={(e) => e.id}
            empty="Nobody is taking part in your roles yet. People join a role when you accept their application."
          />
        </ScrollRegion>
      )}
    </>
  );
}

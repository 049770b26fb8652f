import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { engagementsQuery } from "../api/roles";
import { SessionTable, useUpcomingSessions } from "./SessionList";

/** The dashboard's next few sessions. */
export function UpcomingSessions() {
  const engagements = useQuery(engagementsQuery);
  const upcoming = useUpcomingSessions(engagements.data ?? []);
  const pending = engagements.isPending || upcoming.isPending;
  return (
    <section className="cp-section" aria-labelledby="sessions-heading" aria-busy={pending}>
      <h2 className="govuk-heading-m" id="sessions-heading">
        Upcoming sessions
      </h2>
      {pending ? <p className="govuk-body cp-placeholder">Loading your sessions</p> : <SessionTable rows={upcoming.rows} caption="Your next sessions" limit={5} />}
      {(engagements.isError || upcoming.isError) && <p className="govuk-body">We could not load all your sessions just now.</p>}
      <p className="govuk-body">
        <Link className="govuk-link" to="/me/roles">
          All your roles and sessions
        </Link>
      </p>
    </section>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { periodsQuery } from "../api/earnings";
import { LimitsSummary } from "./LimitsSummary";

/** The dashboard's "Your limits now": today's period of each limit that applies. */
export function CurrentLimits() {
  const { data, isPending, isError } = useQuery(periodsQuery(null));
  return (
    <section className="cp-section" aria-labelledby="limits-heading" aria-busy={isPending}>
      <h2 className="govuk-heading-m" id="limits-heading">
        Your limits now
      </h2>
      {isPending && <p className="govuk-body cp-placeholder">Loading your limits</p>}
      {isError && <p className="govuk-body">We could not load your limits just now. Try again in a few minutes.</p>}
      {data && <LimitsSummary earnings={data} />}
      <p className="govuk-body">
        <Link className="govuk-link" to="/me/earnings">
          See your earnings for any date
        </Link>
      </p>
    </section>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { SummaryList } from "@/components/SummaryList";
import { Tag, type TagColour } from "@/components/Tag";

import { claimsQuery, type Claim } from "../api/expenses";

const ITEM_STATUS: Record<Claim["items"][number]["status"], [string, TagColour]> = {
  pending: ["Waiting for a decision", "grey"],
  approved: ["Approved", "green"],
  rejected: ["Not approved", "red"],
};

const CLAIM_STATUS: Record<string, string> = {
  submitted: "Sent. The organisation has not decided yet.",
  partly_decided: "The organisation has decided on some items.",
  approved: "Approved. It will be paid with the organisation's next payments.",
  rejected: "Not approved. See why below.",
  partly_approved: "Some items were approved. See why the others were not.",
};

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const day = (value: string) => DAY.format(new Date(value.length === 10 ? `${value}T12:00:00Z` : value));

function ClaimItems({ claim }: { claim: Claim }) {
  return (
    <SummaryList
      rows={claim.items.map((item) => {
        const [label, colour] = ITEM_STATUS[item.status];
        return {
          key: `${item.description} (${day(item.spent_on)})`,
          value: (
            <>
              <span className="govuk-!-display-block">
                £{item.amount}
                {item.miles ? ` for ${item.miles} miles` : ""}
                {item.has_receipt ? ", receipt added" : ""}
              </span>
              <Tag colour={colour}>{label}</Tag>
              {item.status === "rejected" && (
                <span className="govuk-!-display-block govuk-!-margin-top-1">
                  Why: {item.decision_reason || "The organisation did not give a reason. You can ask them."}
                </span>
              )}
            </>
          ),
        };
      })}
    />
  );
}

/** My expense claims, each item with its decision and the reason when one was not approved. */
export function ExpensesPage() {
  const claims = useQuery(claimsQuery());
  return (
    <>
      <PageHeading>Your expenses</PageHeading>
      <p className="govuk-body">
        Claim back what you spent to take part, like fares or childcare. Expenses are paid at cost and never count as
        earnings for your benefits.
      </p>
      <Link to="/me/expenses/new" className="govuk-button">
        Claim expenses
      </Link>
      <div aria-live="polite">
        {claims.isPending && <p className="govuk-body">Loading your claims</p>}
        {claims.isError && <p className="govuk-body">Your claims could not be loaded. Try again in a few minutes.</p>}
        {claims.data && claims.data.results.length === 0 && <p className="govuk-body">You have not claimed any expenses yet.</p>}
        {claims.data?.results.map((claim) => (
          <section key={claim.id} aria-labelledby={`claim-${claim.id}`}>
            <h2 className="govuk-heading-m" id={`claim-${claim.id}`}>
              Claim to {claim.organisation_name}, {day(claim.created_at)}
            </h2>
            <p className="govuk-body">{CLAIM_STATUS[claim.status] ?? claim.status}</p>
            <ClaimItems claim={claim} />
          </section>
        ))}
      </div>
    </>
  );
}

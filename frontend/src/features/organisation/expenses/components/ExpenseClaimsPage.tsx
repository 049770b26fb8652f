import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { longDate, money } from "@/lib/format";

import { claimsQuery } from "../api/claims";
import { workspacePath, type Membership } from "../../workspace/sections";
import { claimTotal, ClaimStatusTag } from "./claimStatus";

function Claims({ organisationId, waiting }: { organisationId: number; waiting: boolean }) {
  const claims = useQuery(claimsQuery(organisationId, waiting));
  const caption = waiting ? "Waiting for a decision" : "Decided";
  if (claims.isPending) return <p className="govuk-body cp-placeholder">Loading claims</p>;
  if (claims.isError) return <p className="govuk-body">We could not load the claims. {claims.error.message}</p>;
  return (
    <ScrollRegion label={caption}>
      <Table
        caption={caption}
        columns={[
          {
            header: "Claim",
            cell: (claim) => (
              <Link className="govuk-link" to={workspacePath(organisationId, "expense-claims", claim.id)}>
                {claim.contributor_name}, {longDate(claim.created_at)}
              </Link>
            ),
          },
          { header: "Items", cell: (claim) => claim.items.length, numeric: true },
          { header: "Status", cell: (claim) => <ClaimStatusTag status={claim.status} /> },
          { header: "Total", cell: (claim) => money(claimTotal(claim)), numeric: true },
        ]}
        rows={claims.data.results}
        rowKey={(claim) => claim.id}
        empty={waiting ? "No claims are waiting for a decision." : "No claims have been decided yet."}
      />
    </ScrollRegion>
  );
}

/** Finance: expense claims waiting for a decision, and those decided. */
export function ExpenseClaimsPage({ membership }: { membership: Membership }) {
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Expense claims</PageHeading>
      <Claims organisationId={membership.organisation_id} waiting />
      <Claims organisationId={membership.organisation_id} waiting={false} />
    </>
  );
}

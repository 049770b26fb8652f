import { useParams } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import { ExpenseClaimPage } from "@/features/organisation/expenses/components/ExpenseClaimPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const { claimId } = useParams();
  if (!claimId || !/^\d+$/.test(claimId)) return <NotFoundPage />;
  return <ExpenseClaimPage key={claimId} membership={membership} claimId={Number(claimId)} />;
}

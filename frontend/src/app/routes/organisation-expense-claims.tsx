import { ExpenseClaimsPage } from "@/features/organisation/expenses/components/ExpenseClaimsPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <ExpenseClaimsPage membership={membership} />;
}

import { PaymentRunsPage } from "@/features/organisation/runs/components/PaymentRunsPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <PaymentRunsPage membership={membership} />;
}

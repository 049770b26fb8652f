import { NewPaymentRunPage } from "@/features/organisation/runs/components/NewPaymentRunPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <NewPaymentRunPage membership={membership} />;
}

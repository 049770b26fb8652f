import { PaymentsPage } from "@/features/organisation/payments/components/PaymentsPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <PaymentsPage membership={membership} />;
}

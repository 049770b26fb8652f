import { OrganisationDetailsPage } from "@/features/organisation/settings/components/OrganisationDetailsPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <OrganisationDetailsPage membership={membership} />;
}

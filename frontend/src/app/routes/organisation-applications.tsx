import { ApplicationsPage } from "@/features/organisation/applications/components/ApplicationsPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <ApplicationsPage membership={membership} />;
}

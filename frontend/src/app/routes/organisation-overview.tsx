import { OverviewPage } from "@/features/organisation/components/OverviewPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <OverviewPage membership={membership} />;
}

import { PeoplePage } from "@/features/organisation/people/components/PeoplePage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <PeoplePage membership={membership} />;
}

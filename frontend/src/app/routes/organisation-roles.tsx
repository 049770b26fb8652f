import { RolesPage } from "@/features/organisation/roles/components/RolesPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <RolesPage membership={membership} />;
}

import { RoleFormPage } from "@/features/organisation/roles/components/RoleFormPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <RoleFormPage membership={membership} />;
}

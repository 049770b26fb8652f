import { useParams } from "react-router";

import { RolePage } from "@/features/organisation/roles/components/RolePage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const { roleId } = useParams();
  return <RolePage key={roleId} membership={membership} roleId={Number(roleId)} />;
}

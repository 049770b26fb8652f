import { useParams } from "react-router";

import { SessionFormPage } from "@/features/organisation/roles/components/SessionFormPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const { roleId } = useParams();
  return <SessionFormPage membership={membership} roleId={Number(roleId)} />;
}

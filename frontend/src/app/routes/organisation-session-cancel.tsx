import { useParams } from "react-router";

import { SessionCancelPage } from "@/features/organisation/roles/components/SessionFormPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const { roleId, sessionId } = useParams();
  return <SessionCancelPage key={sessionId} membership={membership} roleId={Number(roleId)} sessionId={Number(sessionId)} />;
}

import { useParams } from "react-router";

import { PersonPage } from "@/features/organisation/people/components/PersonPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const { engagementId } = useParams();
  return <PersonPage key={engagementId} membership={membership} engagementId={Number(engagementId)} />;
}

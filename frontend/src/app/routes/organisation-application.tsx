import { useParams } from "react-router";

import { ApplicationPage } from "@/features/organisation/applications/components/ApplicationPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const { applicationId } = useParams();
  return <ApplicationPage key={applicationId} membership={membership} applicationId={Number(applicationId)} />;
}

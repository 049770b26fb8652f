import { useParams } from "react-router";

import { RegisterPage } from "@/features/organisation/people/components/RegisterPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const { sessionId } = useParams();
  return <RegisterPage key={sessionId} membership={membership} sessionId={Number(sessionId)} />;
}

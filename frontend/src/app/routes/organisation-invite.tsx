import { InvitePage } from "@/features/organisation/members/components/InvitePage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <InvitePage membership={membership} />;
}

import { MembersPage } from "@/features/organisation/members/components/MembersPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { me, membership } = useOrganisation();
  return <MembersPage membership={membership} meId={me.id} />;
}

import { LetterheadPage } from "@/features/organisation/settings/components/LetterheadPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <LetterheadPage membership={membership} />;
}

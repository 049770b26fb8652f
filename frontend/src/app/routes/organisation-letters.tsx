import { LettersPage } from "@/features/organisation/letters/components/LettersPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <LettersPage membership={membership} />;
}

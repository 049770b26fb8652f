import { RateCardPage } from "@/features/organisation/settings/components/RateCardPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <RateCardPage membership={membership} />;
}

import { SettingsPage } from "@/features/organisation/settings/components/SettingsPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <SettingsPage membership={membership} />;
}

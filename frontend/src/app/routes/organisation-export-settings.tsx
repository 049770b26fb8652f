import { ExportSettingsPage } from "@/features/organisation/export-settings/components/ExportSettingsPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <ExportSettingsPage membership={membership} />;
}

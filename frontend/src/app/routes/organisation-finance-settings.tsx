import { FinanceSettingsPage } from "@/features/organisation/finance-settings/components/FinanceSettingsPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  return <FinanceSettingsPage membership={membership} />;
}

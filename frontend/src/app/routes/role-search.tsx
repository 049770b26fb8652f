import { RoleSearchPage } from "@/features/opportunities/components/RoleSearchPage";

export function Component() {
  return <RoleSearchPage />;
}

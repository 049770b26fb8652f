import { DashboardPage } from "@/features/portal/components/DashboardPage";

import { useSignedIn } from "../RequireSignIn";

export function Component() {
  const me = useSignedIn();
  return <DashboardPage name={me.full_name} />;
}

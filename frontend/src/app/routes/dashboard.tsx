import { CurrentLimits } from "@/features/earnings/components/CurrentLimits";
import { DashboardPage } from "@/features/portal/components/DashboardPage";
import { UpcomingSessions } from "@/features/roles/components/UpcomingSessions";

import { useSignedIn } from "../RequireSignIn";

export function Component() {
  const me = useSignedIn();
  return <DashboardPage name={me.full_name} limits={<CurrentLimits />} sessions={<UpcomingSessions />} />;
}

import { NotificationSettingsPage } from "@/features/notifications/components/NotificationSettingsPage";

import { useSignedIn } from "../RequireSignIn";

export function Component() {
  const me = useSignedIn();
  return <NotificationSettingsPage audience={me.account_type === "contributor" ? "contributor" : "organisation"} />;
}

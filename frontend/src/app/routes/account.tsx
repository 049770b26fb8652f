import { AccountPage } from "@/features/account/components/AccountPage";

import { useSignedIn } from "../RequireSignIn";

export function Component() {
  const me = useSignedIn();
  return <AccountPage email={me.email} fullName={me.full_name} isContributor={me.account_type === "contributor"} />;
}

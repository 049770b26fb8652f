import { TwoFactorPage } from "@/features/auth/components/TwoFactorPage";

export function Component() {
  return <TwoFactorPage />;
}

import { ChangePasswordPage } from "@/features/auth/components/ChangePasswordPage";

export function Component() {
  return <ChangePasswordPage />;
}

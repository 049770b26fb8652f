import { ResetPasswordPage } from "@/features/auth/components/ResetPasswordPage";

export function Component() {
  return <ResetPasswordPage />;
}

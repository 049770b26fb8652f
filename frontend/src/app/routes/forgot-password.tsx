import { ForgotPasswordPage } from "@/features/auth/components/ForgotPasswordPage";

export function Component() {
  return <ForgotPasswordPage />;
}

import { ConfirmEmailPage } from "@/features/auth/components/ConfirmEmailPage";

export function Component() {
  return <ConfirmEmailPage />;
}

import { PaymentsPage } from "@/features/about/components/PaymentsPage";

export function Component() {
  return <PaymentsPage />;
}

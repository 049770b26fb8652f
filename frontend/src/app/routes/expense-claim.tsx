import { NewClaimPage } from "@/features/expenses/components/NewClaimPage";

export function Component() {
  return <NewClaimPage />;
}

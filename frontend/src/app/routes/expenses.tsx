import { ExpensesPage } from "@/features/expenses/components/ExpensesPage";

export function Component() {
  return <ExpensesPage />;
}

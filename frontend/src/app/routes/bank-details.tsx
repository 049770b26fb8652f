export { BankDetailsPage as Component } from "@/features/bank-details/components/BankDetailsPage";

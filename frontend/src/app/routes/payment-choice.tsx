export { PaymentChoicePage as Component } from "@/features/payment-choice/components/PaymentChoicePage";

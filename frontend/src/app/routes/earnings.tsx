export { EarningsPage as Component } from "@/features/earnings/components/EarningsPage";

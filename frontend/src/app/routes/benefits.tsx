export { BenefitsPage as Component } from "@/features/benefits/components/BenefitsPage";

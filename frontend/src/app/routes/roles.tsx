export { RolesPage as Component } from "@/features/roles/components/RolesPage";

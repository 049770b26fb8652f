export { OrganisationLayout as Component } from "../OrganisationLayout";

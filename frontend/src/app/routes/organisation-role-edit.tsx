import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";

import { orgRoleQuery } from "@/features/organisation/roles/api/roles";
import { RoleFormPage } from "@/features/organisation/roles/components/RoleFormPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const roleId = Number(useParams().roleId);
  const role = useQuery(orgRoleQuery(membership.organisation_id, roleId));
  if (role.isPending) return <p className="govuk-body cp-placeholder">Loading the role</p>;
  if (role.isError || role.data.organisation.id !== membership.organisation_id) {
    return <p className="govuk-body">There is no role with that address in this organisation.</p>;
  }
  return <RoleFormPage key={roleId} membership={membership} role={role.data} />;
}

import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { Tag } from "@/components/Tag";
import { longDate } from "@/lib/format";

import { can, COORDINATOR_ROLES, workspacePath, type Membership } from "../../workspace/sections";
import { orgRoleListQuery, STATUS_COLOURS, STATUS_LABELS, type OrgRoleStatus } from "../api/roles";

const FILTERS: { value: OrgRoleStatus | ""; label: string }[] = [
  { value: "", label: "All" },
  { value: "draft", label: "Drafts" },
  { value: "published", label: "Published" },
  { value: "closed", label: "Closed" },
];

/** The organisation's roles, newest first, with a status filter. */
export function RolesPage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const [params] = useSearchParams();
  const raw = params.get("status") ?? "";
  const status = (FILTERS.some((f) => f.value === raw) ? raw : "") as OrgRoleStatus | "";
  const roles = useQuery(orgRoleListQuery(organisationId, status));
  const current = FILTERS.find((f) => f.value === status)?.label ?? "All";
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Roles</PageHeading>
      {can(membership, COORDINATOR_ROLES) && (
        <p className="govuk-body">
          <Link className="govuk-button" to={workspacePath(organisationId, "roles", "new")}>
            Post a role
          </Link>
        </p>
      )}
      <nav aria-label="Show roles">
        <ul className="govuk-list cp-link-list">
          {FILTERS.map((filter) => (
            <li key={filter.value || "all"}>
              {filter.value === status ? (
                <strong aria-current="page">{filter.label}</strong>
              ) : (
                <Link className="govuk-link" to={filter.value ? `?status=${filter.value}` : "?"}>
                  {filter.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {roles.isPending && <p className="govuk-body cp-placeholder">Loading roles</p>}
      {roles.isError && <p className="govuk-body">We could not load the roles just now. Try again in a few minutes.</p>}
      {roles.data && (
        <ScrollRegion label="Roles">
          <Table
            caption={`Roles: ${current.toLowerCase()}`}
            columns={[
              {
                header: "Role",
                cell: (role) => (
                  <Link className="govuk-link" to={workspacePath(organisationId, "roles", role.id)}>
                    {role.title}
                  </Link>
                ),
              },
              { header: "Status", cell: (role) => <Tag colour={STATUS_COLOURS[role.status]}>{STATUS_LABELS[role.status]}</Tag> },
              { header: "Closing date", cell: (role) => longDate(role.closing_date) },
              { header: "Places filled", cell: (role) => `${role.places_filled} of ${role.places}`, numeric: true },
            ]}
            rows={roles.data.results}
            rowKey={(role) => role.id}
            empty="There are no roles to show."
          />
        </ScrollRegion>
      )}
    </>
  );
}

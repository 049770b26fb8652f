import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";

import { Button } from "@/components/Button";
import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { Tag } from "@/components/Tag";
import { longDate } from "@/lib/format";

import { Select } from "@/components/Select";
import { orgRoleListQuery } from "../../roles/api/roles";
import { workspacePath, type Membership } from "../../workspace/sections";
import {
  APPLICATION_STATUS_COLOURS,
  APPLICATION_STATUS_LABELS,
  orgApplicationListQuery,
  type ApplicationStatus,
} from "../api/applications";

const STATUSES: ApplicationStatus[] = ["submitted", "accepted", "declined", "withdrawn"];

/** Applications to the organisation's roles, filtered by role and status. */
export function ApplicationsPage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const [params] = useSearchParams();
  const roleId = Number(params.get("role")) || null;
  const rawStatus = params.get("status") ?? "";
  const status = (STATUSES as string[]).includes(rawStatus) ? (rawStatus as ApplicationStatus) : "";
  const roles = useQuery(orgRoleListQuery(organisationId, ""));
  const applications = useQuery(orgApplicationListQuery(organisationId, { roleId, status }));
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Applications</PageHeading>
      <form method="get" className="govuk-!-margin-bottom-6">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              name="role"
              label="Role"
              defaultValue={roleId ? String(roleId) : ""}
              options={[{ value: "", label: "All roles" }, ...(roles.data?.results ?? []).map((r) => ({ value: String(r.id), label: r.title }))]}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              name="status"
              label="Status"
              defaultValue={status}
              options={[{ value: "", label: "Any status" }, ...STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] }))]}
            />
          </div>
        </div>
        <Button variant="secondary">Show applications</Button>
      </form>
      {applications.isPending && <p className="govuk-body cp-placeholder">Loading applications</p>}
      {applications.isError && <p className="govuk-body">We could not load the applications just now. Try again in a few minutes.</p>}
      {applications.data && (
        <ScrollRegion label="Applications">
          <Table
            caption="Applications"
            columns={[
              {
                header: "Person",
                cell: (a) => (
                  <Link className="govuk-link" to={workspacePath(organisationId, "applications", a.id)}>
                    {a.contributor.full_name}
                  </Link>
                ),
              },
              { header: "Role", cell: (a) => a.opportunity.title },
              { header: "Applied", cell: (a) => longDate(a.created_at) },
              { header: "Status", cell: (a) => <Tag colour={APPLICATION_STATUS_COLOURS[a.status]}>{APPLICATION_STATUS_LABELS[a.status]}</Tag> },
            ]}
            rows={applications.data.results}
            rowKey={(a) => a.id}
            empty="There are no applications to show."
          />
        </ScrollRegion>
      )}
    </>
  );
}

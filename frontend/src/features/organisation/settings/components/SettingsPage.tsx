import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";

import { ADMIN_ROLES, can, COORDINATOR_ROLES, FINANCE_ROLES, workspacePath, type MemberRole, type Membership } from "../../workspace/sections";

const AREAS: { path: string; label: string; about: string; roles: readonly MemberRole[] }[] = [
  { path: "organisation", label: "Organisation details", about: "Name, description, address and how people contact you.", roles: ADMIN_ROLES },
  { path: "letterhead", label: "Letterhead and signatory", about: "How your letters look and who signs them, with a preview.", roles: ADMIN_ROLES },
  { path: "rate-card", label: "Rate card", about: "The fees you offer, and the one suggested for new roles.", roles: COORDINATOR_ROLES },
  { path: "finance", label: "Mileage and budgets", about: "The mileage rate for each tax year, and your budgets.", roles: FINANCE_ROLES },
  { path: "exports", label: "Finance exports", about: "Cost centre and nominal codes for your finance system.", roles: FINANCE_ROLES },
];

/** The organisation's settings, one area per page: the areas this member's role may change. */
export function SettingsPage({ membership }: { membership: Membership }) {
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Settings</PageHeading>
      <ul className="govuk-list">
        {AREAS.filter((area) => can(membership, area.roles)).map((area) => (
          <li key={area.path} className="govuk-!-margin-bottom-4">
            <Link className="govuk-link govuk-!-font-weight-bold" to={workspacePath(membership.organisation_id, "settings", area.path)}>
              {area.label}
            </Link>
            <p className="govuk-body govuk-!-margin-bottom-0">{area.about}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

import { NavLink, Outlet, useNavigate, useOutletContext, useParams } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import type { Me } from "@/features/auth/api/session";

import { roleName, sectionsFor, withArticle, workspacePath, type Membership } from "@/features/organisation/workspace/sections";

/** What every page under /organisations/{id}/ gets: who is signed in and their membership there. */
export type OrganisationContext = { me: Me; membership: Membership; organisationId: number };

/** The signed-in member and their membership, for pages inside the organisation workspace. */
export function useOrganisation(): OrganisationContext {
  return useOutletContext<OrganisationContext>();
}

function OrganisationSwitcher({ current, memberships }: { current: Membership; memberships: Membership[] }) {
  const navigate = useNavigate();
  if (memberships.length < 2) return null;
  return (
    <div className="govuk-form-group cp-switcher">
      <label className="govuk-label govuk-label--s" htmlFor="organisation-switcher">
        Organisation
      </label>
      <select
        className="govuk-select"
        id="organisation-switcher"
        value={current.organisation_id}
        onChange={(event) => navigate(workspacePath(Number(event.target.value)))}
      >
        {memberships.map((m) => (
          <option key={m.organisation_id} value={m.organisation_id}>
            {m.organisation_name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The organisation workspace: a switcher for people in several organisations, the areas this
 * member's role works in, and the page. Anyone who is not a member is told the page is not found,
 * as the API does.
 */
export function OrganisationLayout() {
  const me = useOutletContext<Me>();
  const { organisationId } = useParams();
  const membership = me.memberships.find((m) => String(m.organisation_id) === organisationId);
  if (!membership) return <NotFoundPage />;
  const context: OrganisationContext = { me, membership, organisationId: membership.organisation_id };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-quarter-from-desktop">
        <OrganisationSwitcher current={membership} memberships={me.memberships} />
        <nav aria-label={membership.organisation_name} className="cp-workspace-nav">
          <p className="govuk-body-s cp-workspace-nav__role">You are {withArticle(roleName(membership.role))} here.</p>
          <ul className="govuk-list">
            {sectionsFor(membership).map((section) => (
              <li key={section.path}>
                <NavLink
                  className="govuk-link govuk-link--no-visited-state cp-workspace-nav__link"
                  to={workspacePath(membership.organisation_id, section.path)}
                  end={section.path === ""}
                >
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="govuk-grid-column-three-quarters-from-desktop">
        <Outlet context={context} />
      </div>
    </div>
  );
}

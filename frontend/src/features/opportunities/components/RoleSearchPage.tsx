import { useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router";

import { Button } from "@/components/Button";
import { PageHeading } from "@/components/PageHeading";
import { Radios } from "@/components/Radios";
import { TextInput } from "@/components/TextInput";

import { PAGE_SIZE, roleListQuery, type Role } from "../api/opportunities";
import { filtersFrom, filtersFromForm, formatDay, INVOLVEMENT_TYPES, involvementLabel, paramsFrom, type RoleFilters } from "../hooks/roleFilters";
import { Checkboxes } from "@/components/Checkboxes";

function whereLabel(role: Role): string {
  if (role.is_remote && role.location) return `Online or in ${role.location}`;
  if (role.is_remote) return "Online";
  return role.location || "Place to be agreed";
}

function RoleResult({ role }: { role: Role }) {
  return (
    <li className="app-result">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        <Link className="govuk-link" to={`/opportunities/${role.id}`}>
          {role.title}
        </Link>
      </h3>
      <p className="govuk-body-s govuk-!-margin-bottom-2">{role.organisation.name}</p>
      <p className="govuk-body">{role.summary}</p>
      <dl className="app-facts">
        <div>
          <dt>Pay</dt>
          <dd>{role.pay_summary}</dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>{whereLabel(role)}</dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{involvementLabel(role.involvement_type)}</dd>
        </div>
        <div>
          <dt>Apply by</dt>
          <dd>{formatDay(role.closing_date)}</dd>
        </div>
      </dl>
    </li>
  );
}

function Pagination({ filters, count }: { filters: RoleFilters; count: number }) {
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  if (pages === 1) return null;
  const link = (page: number) => `?${paramsFrom({ ...filters, page }).toString()}`;
  return (
    <nav className="govuk-pagination" aria-label="Pages of results">
      {filters.page > 1 && (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={link(filters.page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">Previous page</span>
          </Link>
        </div>
      )}
      <ul className="govuk-pagination__list">
        {Array.from({ length: pages }, (_, index) => index + 1).map((page) => (
          <li key={page} className={`govuk-pagination__item${page === filters.page ? " govuk-pagination__item--current" : ""}`}>
            <Link
              className="govuk-link govuk-pagination__link"
              to={link(page)}
              aria-label={`Page ${page}`}
              aria-current={page === filters.page ? "page" : undefined}
            >
              {page}
            </Link>
          </li>
        ))}
      </ul>
      {filters.page < pages && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={link(filters.page + 1)} rel="next">
            <span className="govuk-pagination__link-title">Next page</span>
          </Link>
        </div>
      )}
    </nav>
  );
}

/** Past 1,000 roles the server's count is an estimate (count_exact false): say "about". */
export function foundText(count: number, exact: boolean): string {
  if (count === 1) return "1 role found";
  return `${exact ? "" : "About "}${count.toLocaleString("en-GB")} roles found`;
}

function Results({ filters }: { filters: RoleFilters }) {
  const { data, isPending, isError } = useQuery(roleListQuery(filters));
  if (isPending) return <p className="govuk-body">Looking for roles</p>;
  if (isError) return <p className="govuk-body">We could not load the roles just now. Try again in a few minutes.</p>;
  if (data.count === 0) {
    return (
      <>
        <h2 className="govuk-heading-m">No roles match your search</h2>
        <p className="govuk-body">You could:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>take away a filter or two</li>
          <li>check the spelling of any words or places</li>
          <li>
            <Link className="govuk-link" to="/opportunities">
              see every open role
            </Link>
          </li>
        </ul>
      </>
    );
  }
  return (
    <>
      <h2 className="govuk-heading-m">{foundText(data.count, data.count_exact !== false)}</h2>
      <ul className="govuk-list app-results">
        {data.results.map((role) => (
          <RoleResult key={role.id} role={role} />
        ))}
      </ul>
      <Pagination filters={filters} count={data.count} />
    </>
  );
}

export function RoleSearchPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(paramsFrom(filtersFromForm(new FormData(event.currentTarget))));
  };
  return (
    <>
      <PageHeading>Find involvement roles</PageHeading>
      <p className="govuk-body-l">Paid and unpaid roles where your lived experience helps shape mental health services and research.</p>
      <div className="govuk-grid-row">
        {/* A new key per address resets the fields when the back button changes the filters. */}
        <form className="govuk-grid-column-one-third" onSubmit={onSubmit} key={params.toString()} role="search" aria-label="Filter roles">
          <h2 className="govuk-heading-m">Filter roles</h2>
          <TextInput name="q" label="Words to search for" defaultValue={filters.q} />
          <Checkboxes name="type" legend="Type of involvement" options={INVOLVEMENT_TYPES} checked={filters.involvementTypes} />
          <Radios
            name="where"
            legend="Online or in person"
            defaultValue={filters.remote}
            options={[
              { value: "", label: "Either" },
              { value: "remote", label: "Online" },
              { value: "in-person", label: "In person" },
            ]}
          />
          <TextInput name="place" label="Town or city" hint="For example, Leeds" defaultValue={filters.place} autoComplete="address-level2" />
          <Radios
            name="pay"
            legend="Pay"
            defaultValue={filters.pay}
            options={[
              { value: "", label: "Paid or expenses only" },
              { value: "paid", label: "Paid roles only" },
              { value: "expenses-only", label: "Expenses only" },
            ]}
          />
          <Button variant="secondary">Show roles</Button>
        </form>
        <div className="govuk-grid-column-two-thirds" aria-live="polite">
          <Results filters={filters} />
        </div>
      </div>
    </>
  );
}

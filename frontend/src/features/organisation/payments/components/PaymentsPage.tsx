import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { longDate, money } from "@/lib/format";

import { filterChoicesQuery, PAGE_SIZE, paymentsQuery, type Choice, type PaymentFilters, type PaymentStatus } from "../api/payments";
import { workspacePath, type Membership } from "../../workspace/sections";
import { PAYMENT_STATUS, PaymentStatusTag } from "./PaymentStatusTag";

const STATUSES = Object.keys(PAYMENT_STATUS) as PaymentStatus[];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function idParam(value: string | null): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The filters in the address (the form is a GET form: the address is the page's state). */
export function filtersFrom(params: URLSearchParams): PaymentFilters {
  const filters: PaymentFilters = {};
  const status = params.get("status");
  if (status && (STATUSES as string[]).includes(status)) filters.status = status as PaymentStatus;
  const opportunity = idParam(params.get("opportunity"));
  if (opportunity) filters.opportunity = opportunity;
  const contributor = idParam(params.get("contributor"));
  if (contributor) filters.contributor = contributor;
  const from = params.get("counts_from");
  if (from && ISO_DAY.test(from)) filters.counts_from = from;
  const to = params.get("counts_to");
  if (to && ISO_DAY.test(to)) filters.counts_to = to;
  const page = idParam(params.get("page"));
  if (page && page > 1) filters.page = page;
  return filters;
}

function Select({ name, label, choices, value }: { name: string; label: string; choices: Choice[]; value: number | undefined }) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={name}>
        {label}
      </label>
      <select className="govuk-select" id={name} name={name} defaultValue={value ?? ""}>
        <option value="">Any</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({ organisationId, filters }: { organisationId: number; filters: PaymentFilters }) {
  const choices = useQuery(filterChoicesQuery(organisationId));
  return (
    <form method="get" action={workspacePath(organisationId, "payments")} aria-label="Filter payments">
      <h2 className="govuk-heading-m">Filter payments</h2>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="status">
          Status
        </label>
        <select className="govuk-select" id="status" name="status" defaultValue={filters.status ?? ""}>
          <option value="">Any</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {PAYMENT_STATUS[status][0]}
            </option>
          ))}
        </select>
      </div>
      <Select name="opportunity" label="Role" choices={choices.data?.roles ?? []} value={filters.opportunity} />
      <Select name="contributor" label="Person" choices={choices.data?.people ?? []} value={filters.contributor} />
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="counts_from">
          From
        </label>
        <input className="govuk-input govuk-input--width-10" type="date" id="counts_from" name="counts_from" defaultValue={filters.counts_from ?? ""} />
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="counts_to">
          To
        </label>
        <input className="govuk-input govuk-input--width-10" type="date" id="counts_to" name="counts_to" defaultValue={filters.counts_to ?? ""} />
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show payments
      </button>{" "}
      <Link className="govuk-link govuk-body" to={workspacePath(organisationId, "payments")}>
        Clear filters
      </Link>
    </form>
  );
}

function pageLink(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  if (page > 1) next.set("page", String(page));
  else next.delete("page");
  const query = next.toString();
  return query ? `?${query}` : "?";
}

/** Finance: the organisation's payments, filtered by status, role, person and period. */
export function PaymentsPage({ membership }: { membership: Membership }) {
  const [params] = useSearchParams();
  const filters = filtersFrom(params);
  const organisationId = membership.organisation_id;
  const payments = useQuery(paymentsQuery(organisationId, filters));
  const page = filters.page ?? 1;
  const pages = payments.data ? Math.max(1, Math.ceil(payments.data.count / PAGE_SIZE)) : 1;
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Payments</PageHeading>
      <Filters key={params.toString()} organisationId={organisationId} filters={filters} />
      <div aria-live="polite">
        {payments.isPending && <p className="govuk-body cp-placeholder">Loading payments</p>}
        {payments.isError && <p className="govuk-body">We could not load the payments. {payments.error.message}</p>}
      </div>
      {payments.data && (
        <>
          <ScrollRegion label="Payments">
            <Table
              caption={`Payments (${payments.data.count})`}
              columns={[
                {
                  header: "Payment",
                  cell: (p) => (
                    <Link className="govuk-link" to={workspacePath(organisationId, "payments", p.id)}>
                      {p.description}
                      <span className="govuk-visually-hidden"> for {p.contributor_name}</span>
                    </Link>
                  ),
                },
                { header: "Person", cell: (p) => p.contributor_name },
                { header: "Role", cell: (p) => p.opportunity_title ?? "" },
                { header: "Counts on", cell: (p) => longDate(p.counts_on) },
                { header: "Status", cell: (p) => <PaymentStatusTag status={p.status} /> },
                { header: "Payable", cell: (p) => money(p.payable), numeric: true },
              ]}
              rows={payments.data.results}
              rowKey={(p) => p.id}
              empty="No payments match these filters."
            />
          </ScrollRegion>
          {pages > 1 && (
            <nav className="govuk-pagination" aria-label="Pages of payments">
              {payments.data.previous && (
                <div className="govuk-pagination__prev">
                  <Link className="govuk-link govuk-pagination__link" to={pageLink(params, page - 1)} rel="prev">
                    <span className="govuk-pagination__link-title">Previous page</span>
                  </Link>
                </div>
              )}
              <p className="govuk-body govuk-!-display-inline-block govuk-!-margin-bottom-0">
                Page {page} of {pages}
              </p>
              {payments.data.next && (
                <div className="govuk-pagination__next">
                  <Link className="govuk-link govuk-pagination__link" to={pageLink(params, page + 1)} rel="next">
                    <span className="govuk-pagination__link-title">Next page</span>
                  </Link>
                </div>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { Table } from "@/components/Table";
import { longDate } from "@/lib/format";

import { workspacePath, type Membership } from "../../workspace/sections";
import { LETTER_FILTERS, organisationLettersQuery, type LetterFilter } from "../api/letters";
import { LetterStateTag } from "./LetterStateTag";

function asFilter(value: string | null): LetterFilter | null {
  return LETTER_FILTERS.some((f) => f.value === value) ? (value as LetterFilter) : null;
}

/** The letters the organisation's contributors asked for, and those it issued, by status. */
export function LettersPage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const [params] = useSearchParams();
  const filter = asFilter(params.get("status"));
  const letters = useQuery(organisationLettersQuery(organisationId, filter));
  const current = LETTER_FILTERS.find((f) => f.value === filter);
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Letters</PageHeading>
      <p className="govuk-body">
        Contributors ask for letters about their involvement, for example for a benefits advisor. Check each letter
        waiting to be issued and issue it: it is signed by your signatory and anyone can check it is genuine.
      </p>
      <nav aria-label="Show letters" className="govuk-!-margin-bottom-6">
        <ul className="govuk-list cp-inline-list">
          <li>
            {filter === null ? (
              <strong aria-current="page">All letters</strong>
            ) : (
              <Link className="govuk-link" to={workspacePath(organisationId, "letters")}>
                All letters
              </Link>
            )}
          </li>
          {LETTER_FILTERS.map((f) => (
            <li key={f.value}>
              {f.value === filter ? (
                <strong aria-current="page">{f.label}</strong>
              ) : (
                <Link className="govuk-link" to={`${workspacePath(organisationId, "letters")}?status=${f.value}`}>
                  {f.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <div role="status" aria-live="polite">
        {letters.isPending && <p className="govuk-body">Loading letters</p>}
        {letters.isError && <p className="govuk-body">The letters could not be loaded. Try again in a few minutes.</p>}
      </div>
      {letters.data && (
        <Table
          caption={current ? current.label : "All letters"}
          rows={letters.data.results}
          rowKey={(letter) => letter.id}
          empty={current ? `No letters are ${current.label.toLowerCase()}.` : "No one has asked for a letter yet."}
          columns={[
            {
              header: "Letter",
              cell: (letter) => (
                <Link className="govuk-link" to={workspacePath(organisationId, "letters", letter.id)}>
                  {letter.kind_label}
                  <span className="govuk-visually-hidden"> for {letter.contributor.full_name}</span>
                </Link>
              ),
            },
            { header: "For", cell: (letter) => letter.contributor.full_name },
            { header: "Period", cell: (letter) => `${longDate(letter.period_start)} to ${longDate(letter.period_end)}` },
            { header: "Asked for", cell: (letter) => longDate(letter.created_at) },
            { header: "Status", cell: (letter) => <LetterStateTag letter={letter} /> },
          ]}
        />
      )}
    </>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { SummaryList } from "@/components/SummaryList";

import { lettersQuery } from "../api/letters";
import { formatDay } from "./dates";
import { LetterStatusTag } from "./LetterStatus";

/** Every letter about me: being made, issued, withdrawn and replaced, each with its reference. */
export function LettersPage() {
  const letters = useQuery(lettersQuery());
  return (
    <>
      <PageHeading>Your letters</PageHeading>
      <p className="govuk-body">
        A letter shows what you were paid for involvement work. You can give it to a benefits advisor, a work coach or
        anyone else who needs to know. Anyone can check a letter is real with its reference.
      </p>
      <Link to="/me/letters/new" className="govuk-button">
        Ask for a letter
      </Link>
      <div aria-live="polite">
        {letters.isPending && <p className="govuk-body">Loading your letters</p>}
        {letters.isError && <p className="govuk-body">Your letters could not be loaded. Try again in a few minutes.</p>}
        {letters.data && letters.data.results.length === 0 && <p className="govuk-body">You have no letters yet.</p>}
        {letters.data?.results.map((letter) => (
          <section key={letter.id} aria-labelledby={`letter-${letter.id}`}>
            <h2 className="govuk-heading-m" id={`letter-${letter.id}`}>
              <Link className="govuk-link" to={`/me/letters/${letter.id}`}>
                {letter.kind_label} from {letter.organisation.name}
              </Link>
            </h2>
            <SummaryList
              rows={[
                { key: "Status", value: <LetterStatusTag letter={letter} /> },
                { key: "Reference", value: letter.reference },
                { key: "Period", value: `${formatDay(letter.period_start)} to ${formatDay(letter.period_end)}` },
                ...(letter.superseded_by ? [{ key: "Replaced by", value: letter.superseded_by }] : []),
                ...(letter.supersedes ? [{ key: "Replaces", value: letter.supersedes }] : []),
                ...(letter.revoked_reason ? [{ key: "Why it was withdrawn", value: letter.revoked_reason }] : []),
              ]}
            />
          </section>
        ))}
      </div>
    </>
  );
}

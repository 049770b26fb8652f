import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import { PageHeading } from "@/components/PageHeading";
import { SummaryList } from "@/components/SummaryList";
import { ApiError } from "@/lib/api";

import { isRendering, letterQuery, pdfUrl, type Letter } from "../api/letters";
import { formatDay } from "./dates";
import { LetterStatusTag } from "./LetterStatus";

/** What is happening to the letter, in words a screen reader announces as it changes. */
export function letterProgress(letter: Letter): string {
  if (letter.superseded_by) return `This letter has been replaced by letter ${letter.superseded_by}. Use the new letter instead.`;
  switch (letter.status) {
    case "requested":
      return letter.waiting_for_issue
        ? `We have sent your request to ${letter.organisation.name}. Someone there will check it and issue your letter. We will e-mail you when it is ready.`
        : "We have your request. Your letter will be made in a moment.";
    case "rendering":
      return "Your letter is being made. This usually takes less than a minute. You can stay on this page.";
    case "issued":
      return "Your letter is ready to download.";
    case "failed":
      return "Your letter could not be made. Nothing is wrong with your account. Ask for the letter again, or contact the organisation.";
    case "revoked":
      return "This letter has been withdrawn by the organisation. It will show as withdrawn if anyone checks it.";
  }
}

/** One letter: watch it being made (the page asks again every few seconds), then download it. */
export function LetterPage({ letterId }: { letterId: number }) {
  const letter = useQuery(letterQuery(letterId));
  if (letter.error instanceof ApiError && letter.error.status === 404) return <NotFoundPage />;
  const data = letter.data;
  return (
    <>
      <PageHeading caption={data ? data.organisation.name : undefined}>{data ? data.kind_label : "Your letter"}</PageHeading>
      <div className="govuk-inset-text" role="status" aria-live="polite">
        {letter.isPending && "Loading your letter"}
        {letter.isError && "Your letter could not be loaded. Try again in a few minutes."}
        {data && letterProgress(data)}
      </div>
      {data && (
        <>
          <SummaryList
            rows={[
              { key: "Status", value: <LetterStatusTag letter={data} /> },
              { key: "Reference", value: data.reference },
              { key: "Period", value: `${formatDay(data.period_start)} to ${formatDay(data.period_end)}` },
              ...(data.issued_at ? [{ key: "Issued", value: formatDay(data.issued_at) }] : []),
              ...(data.issued_by ? [{ key: "Signed by", value: data.issued_by }] : []),
              ...(data.revoked_at ? [{ key: "Withdrawn", value: formatDay(data.revoked_at) }] : []),
              ...(data.revoked_reason ? [{ key: "Why it was withdrawn", value: data.revoked_reason }] : []),
              ...(data.supersedes ? [{ key: "Replaces", value: data.supersedes }] : []),
              ...(data.superseded_by ? [{ key: "Replaced by", value: data.superseded_by }] : []),
            ]}
          />
          {data.status === "issued" && (
            <a className="govuk-button" href={pdfUrl(data)} download>
              Download the letter (PDF)
            </a>
          )}
          {isRendering(data) && (
            <p className="govuk-body">We will also send you an e-mail when it is ready.</p>
          )}
          {data.status !== "rendering" && data.status !== "requested" && (
            <p className="govuk-body">
              Anyone can check this letter is real at <a className="govuk-link" href={`/verify/${data.reference}/`}>the letter checker</a>{" "}
              with the reference {data.reference}.
            </p>
          )}
        </>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/me/letters">
          See all your letters
        </Link>
      </p>
    </>
  );
}

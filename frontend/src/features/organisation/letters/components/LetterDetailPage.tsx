import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotFoundPage } from "@/components/NotFoundPage";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { SummaryList } from "@/components/SummaryList";
import { useApiForm } from "@/hooks/useApiForm";
import { ApiError } from "@/lib/api";
import { longDate } from "@/lib/format";

import { workspacePath, type Membership } from "../../workspace/sections";
import {
  isBeingMade,
  organisationLetterQuery,
  pdfUrl,
  useIssueLetter,
  useReissueLetter,
  useWithdrawLetter,
  type Letter,
} from "../api/letters";
import { LetterStateTag } from "./LetterStateTag";

/** What is happening to the letter, announced as it changes. */
export function letterProgress(letter: Letter): string {
  if (letter.superseded_by) return `This letter has been replaced by letter ${letter.superseded_by}.`;
  if (letter.waiting_for_issue) return `${letter.contributor.full_name} asked for this letter. Check it and issue it.`;
  if (isBeingMade(letter)) return "The letter is being made. This usually takes less than a minute. You can stay on this page.";
  switch (letter.status) {
    case "issued":
      return "The letter is issued. The contributor can download it, and anyone can check it is genuine.";
    case "failed":
      return "The letter could not be made. Make a new one to try again.";
    case "revoked":
      return "This letter has been withdrawn. Anyone who checks it is told it was withdrawn.";
    default:
      return "";
  }
}

function WithdrawForm({ letter, organisationId, onDone }: { letter: Letter; organisationId: number; onDone: () => void }) {
  const withdraw = useWithdrawLetter(organisationId);
  const form = useApiForm({
    fields: ["reason"],
    submit: (values) => withdraw.mutateAsync({ letterId: letter.id, reason: values.reason ?? "" }),
    onSuccess: onDone,
  });
  const errorId = form.fieldErrors.reason ? "reason-error" : undefined;
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <h2 className="govuk-heading-m">Withdraw this letter</h2>
      <ErrorSummary errors={errorSummaryItems(form, { reason: "Why you are withdrawing it" })} />
      <div className={`govuk-form-group${form.fieldErrors.reason ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label govuk-label--s" htmlFor="reason">
          Why you are withdrawing it
        </label>
        <div id="reason-hint" className="govuk-hint">
          {letter.contributor.full_name} and anyone who checks the letter will see that it was withdrawn.
        </div>
        {form.fieldErrors.reason && (
          <p id="reason-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {form.fieldErrors.reason}
          </p>
        )}
        <textarea
          className={`govuk-textarea${form.fieldErrors.reason ? " govuk-textarea--error" : ""}`}
          id="reason"
          name="reason"
          rows={3}
          aria-describedby={["reason-hint", errorId].filter(Boolean).join(" ")}
        />
      </div>
      <Button variant="warning" busy={form.busy}>
        Withdraw the letter
      </Button>
    </form>
  );
}

/** One letter: check and issue it, watch it being made, download, withdraw or replace it. */
export function LetterDetailPage({ membership, letterId }: { membership: Membership; letterId: number }) {
  const organisationId = membership.organisation_id;
  const letter = useQuery(organisationLetterQuery(organisationId, letterId));
  const issue = useIssueLetter(organisationId);
  const reissue = useReissueLetter(organisationId);
  const navigate = useNavigate();
  const [done, setDone] = useState<string | null>(null);
  if (letter.error instanceof ApiError && letter.error.status === 404) return <NotFoundPage />;
  const data = letter.data;
  const actionError = (issue.error ?? reissue.error) as ApiError | null;

  const reissueButton = (label: string) => (
    <Button
      type="button"
      variant="secondary"
      busy={reissue.isPending}
      onClick={() =>
        reissue.mutate(letterId, {
          onSuccess: (made) => navigate(workspacePath(organisationId, "letters", made.id)),
        })
      }
    >
      {label}
    </Button>
  );

  return (
    <>
      {done && <NotificationBanner type="success" heading={done} />}
      {actionError && <ErrorSummary errors={[{ message: actionError.message }]} />}
      <PageHeading caption={membership.organisation_name}>{data ? `${data.kind_label} for ${data.contributor.full_name}` : "Letter"}</PageHeading>
      <div className="govuk-inset-text" role="status" aria-live="polite">
        {letter.isPending && "Loading the letter"}
        {letter.isError && "The letter could not be loaded. Try again in a few minutes."}
        {data && letterProgress(data)}
      </div>
      {data && (
        <>
          <SummaryList
            rows={[
              { key: "Status", value: <LetterStateTag letter={data} /> },
              { key: "Kind of letter", value: data.kind_label },
              { key: "For", value: data.contributor.full_name },
              { key: "Period", value: `${longDate(data.period_start)} to ${longDate(data.period_end)}` },
              { key: "Asked for", value: longDate(data.created_at) },
              { key: "Reference", value: data.reference },
              ...(data.issued_at ? [{ key: "Issued", value: longDate(data.issued_at) }] : []),
              ...(data.issued_by ? [{ key: "Signed by", value: data.issued_by }] : []),
              ...(data.revoked_at ? [{ key: "Withdrawn", value: longDate(data.revoked_at) }] : []),
              ...(data.revoked_reason ? [{ key: "Why it was withdrawn", value: data.revoked_reason }] : []),
              ...(data.supersedes ? [{ key: "Replaces", value: data.supersedes }] : []),
              ...(data.superseded_by ? [{ key: "Replaced by", value: data.superseded_by }] : []),
            ]}
          />
          {data.waiting_for_issue && (
            <>
              <p className="govuk-body">
                When you issue it, the letter is made from {data.contributor.full_name}&apos;s involvement and payments
                in this period, as they were when they asked, and signed by your organisation&apos;s signatory.
              </p>
              <Button
                type="button"
                busy={issue.isPending}
                busyText="Issuing the letter"
                onClick={() => issue.mutate(letterId, { onSuccess: () => setDone("Letter issued. It is being made now.") })}
              >
                Issue the letter
              </Button>
            </>
          )}
          {data.status === "issued" && (
            <>
              <p className="govuk-body">
                <a className="govuk-link" href={pdfUrl(data)} download>
                  Download the letter (PDF)
                </a>
              </p>
              {!data.superseded_by && (
                <>
                  <WithdrawForm letter={data} organisationId={organisationId} onDone={() => setDone("Letter withdrawn.")} />
                  <h2 className="govuk-heading-m">Replace this letter</h2>
                  <p className="govuk-body">
                    If something in the letter is wrong, correct it in the records and make a new letter. The new
                    letter replaces this one, and this one then shows as replaced when it is checked.
                  </p>
                  {reissueButton("Make a corrected letter")}
                </>
              )}
            </>
          )}
          {(data.status === "failed" || data.status === "revoked") && !data.superseded_by && reissueButton("Make a new letter")}
        </>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "letters")}>
          See all letters
        </Link>
      </p>
    </>
  );
}

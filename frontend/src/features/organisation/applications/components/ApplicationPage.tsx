import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { SummaryList } from "@/components/SummaryList";
import { Tag } from "@/components/Tag";
import { useApiForm } from "@/hooks/useApiForm";
import { ApiError } from "@/lib/api";
import { longDate } from "@/lib/format";

import { Textarea } from "@/components/Textarea";
import { can, COORDINATOR_ROLES, workspacePath, type Membership } from "../../workspace/sections";
import {
  APPLICATION_STATUS_COLOURS,
  APPLICATION_STATUS_LABELS,
  orgApplicationQuery,
  useAcceptApplication,
  useDeclineApplication,
  type ApplicationReview,
} from "../api/applications";

/** Whether the role's next fee would fit: what the organisation may know, never a limit. */
function FeeWarning({ review }: { review: ApplicationReview }) {
  const fee = review.next_fee;
  if (!fee || fee.fits === "fits") return null;
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {fee.text} Talk to {review.contributor.full_name} before you accept: they may want to change how they are paid, or take
        part without a fee.
      </strong>
    </div>
  );
}

function Decide({ review, membership, onDone }: { review: ApplicationReview; membership: Membership; onDone: (message: string) => void }) {
  const organisationId = membership.organisation_id;
  const accept = useAcceptApplication(organisationId, review.id);
  const decline = useDeclineApplication(organisationId, review.id);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const name = review.contributor.full_name;

  const onAccept = async () => {
    setAcceptError(null);
    try {
      await accept.mutateAsync(undefined);
      onDone(`${name} is accepted. They have been told, with their sessions for their calendar.`);
    } catch (error) {
      setAcceptError(error instanceof ApiError ? error.message : "Something went wrong. Try again.");
    }
  };
  const submit = useCallback((values: Record<string, string>) => decline.mutateAsync(values.message ?? ""), [decline]);
  const onDeclined = useCallback(() => onDone(`${name}'s application is declined. They can read your message.`), [name, onDone]);
  const form = useApiForm({ submit, onSuccess: onDeclined, fields: ["message"] });
  const errors = [...(acceptError ? [{ message: acceptError }] : []), ...errorSummaryItems(form, { message: "Message" })];

  return (
    <>
      <ErrorSummary errors={errors} />
      <h2 className="govuk-heading-m">Accept</h2>
      <FeeWarning review={review} />
      {review.next_fee?.fits === "fits" && <p className="govuk-body">{review.next_fee.text}</p>}
      <p className="govuk-body">
        Accepting gives {name} a place on {review.opportunity.title} and books them on its sessions. They are told by e-mail and in
        the app.
      </p>
      <Button type="button" busy={accept.isPending} onClick={() => void onAccept()}>
        Accept {name}
      </Button>
      <h2 className="govuk-heading-m">Decline</h2>
      <form onSubmit={form.onSubmit} noValidate>
        <Textarea
          name="message"
          label="Your message to them"
          hint="They will read this. We have started it for you: change it as you like."
          rows={6}
          defaultValue={review.suggested_decline_message}
          error={form.fieldErrors.message}
        />
        <Button variant="secondary" busy={form.busy}>
          Decline with this message
        </Button>
      </form>
    </>
  );
}

/** One application: what the person wrote and asked for, and the decision. */
export function ApplicationPage({ membership, applicationId }: { membership: Membership; applicationId: number }) {
  const organisationId = membership.organisation_id;
  const review = useQuery(orgApplicationQuery(organisationId, applicationId));
  const [done, setDone] = useState<string | null>(null);

  if (review.isPending) return <p className="govuk-body cp-placeholder">Loading the application</p>;
  if (review.isError || review.data.opportunity.organisation_id !== organisationId) {
    return (
      <>
        <PageHeading caption={membership.organisation_name}>Application not found</PageHeading>
        <p className="govuk-body">There is no application with that address in this organisation.</p>
      </>
    );
  }
  const data = review.data;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {done && <NotificationBanner type="success" heading={done} />}
        <PageHeading caption={data.opportunity.title}>{`Application from ${data.contributor.full_name}`}</PageHeading>
        <SummaryList
          rows={[
            { key: "Status", value: <Tag colour={APPLICATION_STATUS_COLOURS[data.status]}>{APPLICATION_STATUS_LABELS[data.status]}</Tag> },
            {
              key: "Role",
              value: (
                <Link className="govuk-link" to={workspacePath(organisationId, "roles", data.opportunity.id)}>
                  {data.opportunity.title}
                </Link>
              ),
            },
            { key: "Applied", value: longDate(data.created_at) },
            { key: "Why they are interested", value: data.statement },
            { key: "Adjustments they asked for", value: data.adjustments_requested || "None" },
            ...(data.decision_message ? [{ key: "Your message", value: data.decision_message }] : []),
          ]}
        />
        {data.status === "submitted" && can(membership, COORDINATOR_ROLES) && <Decide review={data} membership={membership} onDone={setDone} />}
        <p className="govuk-body">
          <Link className="govuk-link" to={workspacePath(organisationId, "applications")}>
            Back to applications
          </Link>
        </p>
      </div>
    </div>
  );
}

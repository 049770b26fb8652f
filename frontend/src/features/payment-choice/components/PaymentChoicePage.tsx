import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";

import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";

import { engagementsQuery, nextFeesQuery, preferenceQuery, useSaveEngagementChoice, useSavePreference } from "../api/paymentChoice";
import { choiceSummary } from "../hooks/choices";
import { ChoiceForm } from "./ChoiceForm";

export function PaymentChoicePage() {
  const preference = useQuery(preferenceQuery);
  const engagements = useQuery(engagementsQuery);
  const nextFees = useQuery(nextFeesQuery);
  const savePreference = useSavePreference();
  const saveEngagement = useSaveEngagementChoice();
  const [saved, setSaved] = useState<string | null>(null);
  const nextFee = nextFees.data?.[0];
  const feeFor = (engagementId: number) => nextFees.data?.find((p) => p.engagement === engagementId) ?? nextFee;

  return (
    <>
      {saved && <NotificationBanner type="success" heading={`Saved: ${saved}`} />}
      <PageHeading>How you are paid</PageHeading>
      <p className="govuk-body">
        You choose how much of each fee you take. Some people take less so that their benefits are not affected. Organisations see the amount they
        pay you, not why.
      </p>
      {!nextFee && nextFees.isSuccess && (
        <p className="govuk-body">When you have a fee booked, we will show what each choice would mean for it.</p>
      )}

      <section className="cp-section" aria-labelledby="default-heading" aria-busy={preference.isPending}>
        <h2 className="govuk-heading-m" id="default-heading">
          Your default choice
        </h2>
        {preference.isPending && <p className="govuk-body cp-placeholder">Loading your choice</p>}
        {preference.data && (
          <>
            <p className="govuk-body">
              Now: <strong>{preference.data.is_set ? choiceSummary(preference.data) : "Pay me the full fee (you have not chosen yet)"}</strong>
            </p>
            {preference.data.method === "bank_transfer" && (
              <p className="govuk-body">
                You are paid by bank transfer.{" "}
                <Link className="govuk-link" to="/me/bank-details">
                  Your bank details
                </Link>
              </p>
            )}
            <ChoiceForm
              idPrefix="default-"
              legend="How do you want to be paid for every role?"
              current={preference.data.is_set ? preference.data : null}
              nextFee={nextFee}
              save={(choice) => savePreference.mutateAsync(choice ?? { choice: "full" })}
              saving={savePreference.isPending}
              onSaved={(summary) => setSaved(`your default choice is now "${summary}"`)}
            />
          </>
        )}
      </section>

      <section className="cp-section" aria-labelledby="roles-heading" aria-busy={engagements.isPending}>
        <h2 className="govuk-heading-m" id="roles-heading">
          A different choice for one role
        </h2>
        {engagements.isPending && <p className="govuk-body cp-placeholder">Loading your roles</p>}
        {engagements.data?.length === 0 && <p className="govuk-body">You are not taking part in any roles just now.</p>}
        {engagements.data?.map((engagement) => (
          <details className="govuk-details" key={engagement.id}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">
                {engagement.opportunity.title} ({engagement.opportunity.organisation_name}):{" "}
                {engagement.payment_choice ? choiceSummary(engagement.payment_choice) : "your default choice"}
              </span>
            </summary>
            <div className="govuk-details__text">
              <ChoiceForm
                idPrefix={`role-${engagement.id}-`}
                legend={`How do you want to be paid for ${engagement.opportunity.title}?`}
                current={engagement.payment_choice}
                nextFee={feeFor(engagement.id)}
                allowDefault
                save={(choice) => saveEngagement.mutateAsync({ engagementId: engagement.id, choice })}
                saving={saveEngagement.isPending && saveEngagement.variables.engagementId === engagement.id}
                onSaved={(summary) => setSaved(`for ${engagement.opportunity.title}, "${summary}"`)}
              />
            </div>
          </details>
        ))}
      </section>
    </>
  );
}

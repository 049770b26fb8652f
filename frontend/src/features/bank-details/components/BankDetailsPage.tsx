import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { SummaryList } from "@/components/SummaryList";

import { bankDetailsQuery, useRemoveBankDetails, useSaveBankDetails } from "../api/bankDetails";
import { BankDetailsForm } from "./BankDetailsForm";

function spacedSortCode(sortCode: string): string {
  return sortCode.replace(/^(\d{2})(\d{2})(\d{2})$/, "$1-$2-$3");
}

/** Where fees paid by bank transfer go: the contributor's own account, entered and changed here. */
export function BankDetailsPage() {
  const details = useQuery(bankDetailsQuery);
  const save = useSaveBankDetails();
  const remove = useRemoveBankDetails();
  const [changing, setChanging] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const current = details.data;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {banner && <NotificationBanner type="success" heading={banner} />}
        <PageHeading>Your bank details</PageHeading>
        <p className="govuk-body">
          Organisations that pay you by bank transfer send your fees and expenses to this account. We keep these details locked (encrypted).
          Finance staff only see the last few digits. The full numbers only go into the payment file they send to their bank.
        </p>
        {details.isPending && (
          <p className="govuk-body" aria-live="polite">
            Loading your bank details
          </p>
        )}
        {details.isError && <p className="govuk-body">Your bank details could not be loaded. Try again in a few minutes.</p>}
        {current?.is_set && !changing && (
          <>
            <SummaryList
              rows={[
                { key: "Name on the account", value: current.account_name },
                { key: "Sort code", value: spacedSortCode(current.sort_code) },
                { key: "Account number", value: current.account_number },
              ]}
            />
            <div className="govuk-button-group">
              <Button type="button" variant="secondary" onClick={() => setChanging(true)}>
                Change bank details
              </Button>
              <Button
                type="button"
                variant="warning"
                busy={remove.isPending}
                busyText="Removing"
                onClick={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => setBanner("Your bank details have been removed."),
                  })
                }
              >
                Remove bank details
              </Button>
            </div>
          </>
        )}
        {current && (!current.is_set || changing) && (
          <BankDetailsForm
            current={current}
            save={(body) => save.mutateAsync(body)}
            submitCount={save.submittedAt}
            onSaved={() => {
              setChanging(false);
              setBanner("Your bank details have been saved.");
            }}
          />
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to="/me/payment-choice">
            How you are paid
          </Link>
        </p>
      </div>
    </div>
  );
}

import { useCallback, useState } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Panel } from "@/components/Panel";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { ApiError } from "@/lib/api";

import { useEraseAccount } from "../api/account";

const LABELS: Record<string, string> = { confirm: "Confirm", password: "Password" };
const FIELDS = Object.keys(LABELS);

/** Delete my account: what happens, then the password and a confirmation, then a final panel. */
export function ErasePage() {
  const erase = useEraseAccount();
  const [checkCount, setCheckCount] = useState(0);
  const submit = useCallback(
    (values: Record<string, string>) => {
      setCheckCount((count) => count + 1);
      const fields: Record<string, string[]> = {};
      if (values.confirm !== "yes") fields.confirm = ["Tick the box to say you understand this cannot be undone."];
      if (!values.password) fields.password = ["Enter your password."];
      if (Object.keys(fields).length > 0)
        return Promise.reject(new ApiError({ message: "Some of the information is not right.", code: "invalid", fields }, 400));
      return erase.mutateAsync({ password: values.password ?? "", confirm: true });
    },
    [erase],
  );
  const form = useApiForm({ submit, fields: FIELDS });

  if (erase.isSuccess) {
    return (
      <>
        <Panel title="Your account has been deleted">You have been signed out.</Panel>
        <p className="govuk-body">
          Organisations keep the payments and letters they need for their accounts, under the code {erase.data.pseudonym}{" "}
          instead of your name, until they no longer have to keep them.
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            Go to the Coproduce home page
          </a>
        </p>
      </>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={checkCount} />
        <PageHeading hasErrors={form.hasErrors}>Delete your account</PageHeading>
        <p className="govuk-body">If you delete your account:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>we delete your profile, benefit details, payment choices, receipts, alerts and notifications</li>
          <li>organisations keep the payments and letters they must keep for their accounts, under a code instead of your name</li>
          <li>you are signed out and cannot sign in again</li>
        </ul>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This cannot be undone. You may want to{" "}
            <Link className="govuk-link" to="/me/account/export">
              download your data
            </Link>{" "}
            first.
          </strong>
        </div>
        <form onSubmit={form.onSubmit} noValidate>
          <div className={`govuk-form-group${form.fieldErrors.confirm ? " govuk-form-group--error" : ""}`}>
            <fieldset className="govuk-fieldset" aria-describedby={form.fieldErrors.confirm ? "confirm-error" : undefined}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Check before you delete</legend>
              {form.fieldErrors.confirm && (
                <p id="confirm-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {form.fieldErrors.confirm}
                </p>
              )}
              <div className="govuk-checkboxes">
                <div className="govuk-checkboxes__item">
                  <input className="govuk-checkboxes__input" id="confirm" name="confirm" type="checkbox" value="yes" />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor="confirm">
                    I understand my account will be deleted and this cannot be undone
                  </label>
                </div>
              </div>
            </fieldset>
          </div>
          <TextInput name="password" label="Your password" type="password" autoComplete="current-password" error={form.fieldErrors.password} />
          <Button variant="warning" busy={form.busy} busyText="Deleting your account">
            Delete my account
          </Button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/me/account">
            Keep my account
          </Link>
        </p>
      </div>
    </div>
  );
}

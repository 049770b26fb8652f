import { useCallback, useState } from "react";
import { Link, useParams } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Panel } from "@/components/Panel";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { usePageTitle } from "@/hooks/usePageTitle";

import { usePasswordResetConfirm } from "../api/account";

const LABELS: Record<string, string> = { new_password: "New password", token: "The link" };
const FIELDS = ["new_password"];

function Done() {
  usePageTitle("Your password has been changed");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Your password has been changed" />
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in">
            Sign in with your new password
          </Link>
        </p>
      </div>
    </div>
  );
}

/** The page the e-mailed link opens: /reset-password/{uid}/{token}. */
export function ResetPasswordPage() {
  const { uid = "", token = "" } = useParams();
  const confirm = usePasswordResetConfirm();
  const [done, setDone] = useState(false);
  const submit = useCallback(
    (values: Record<string, string>) => confirm.mutateAsync({ uid, token, new_password: values.new_password ?? "" }),
    [confirm, uid, token],
  );
  const onSuccess = useCallback(() => setDone(true), []);
  const form = useApiForm({ submit, onSuccess, fields: FIELDS });
  if (done) return <Done />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={confirm.submittedAt} />
        <PageHeading hasErrors={form.hasErrors}>Choose a new password</PageHeading>
        <form onSubmit={form.onSubmit} noValidate>
          <TextInput
            name="new_password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters. A few words you will remember works well."
            error={form.fieldErrors.new_password}
          />
          <Button busy={form.busy} busyText="Saving">
            Save new password
          </Button>
        </form>
        {form.formError && (
          <p className="govuk-body">
            <Link className="govuk-link" to="/password-reset">
              Ask for a new link
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}

import { useCallback } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { useApiForm } from "@/hooks/useApiForm";

import { useRegisterConfirm } from "../api/account";

/** The page the e-mailed link opens after registering: /confirm-email/{uid}/{token}. It asks
 * for one press rather than confirming on load, so a mail scanner opening the link does not
 * use it up. */
export function ConfirmEmailPage() {
  const { uid = "", token = "" } = useParams();
  const confirm = useRegisterConfirm();
  const navigate = useNavigate();
  const submit = useCallback(() => confirm.mutateAsync({ uid, token }), [confirm, uid, token]);
  const onSuccess = useCallback(() => navigate("/me/"), [navigate]);
  const form = useApiForm({ submit, onSuccess, fields: [] });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, {})} submitCount={confirm.submittedAt} />
        <PageHeading hasErrors={form.hasErrors}>Confirm your e-mail address</PageHeading>
        <p className="govuk-body">Press the button to finish setting up your account. You will then be signed in.</p>
        <form onSubmit={form.onSubmit} noValidate>
          <Button busy={form.busy} busyText="Setting up your account">
            Confirm and sign in
          </Button>
        </form>
        {form.formError && (
          <p className="govuk-body">
            If the link is old, <Link className="govuk-link" to="/register">create your account again</Link> to get a new one.
          </p>
        )}
      </div>
    </div>
  );
}

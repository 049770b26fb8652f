import { useCallback, useState } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Panel } from "@/components/Panel";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { usePageTitle } from "@/hooks/usePageTitle";

import { usePasswordResetRequest } from "../api/account";
import type { MessageAnswer } from "../api/calls";

const LABELS: Record<string, string> = { email: "E-mail address" };
const FIELDS = Object.keys(LABELS);

function Sent({ message }: { message: string }) {
  usePageTitle("Check your e-mail");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Check your e-mail">{message}</Panel>
        <p className="govuk-body">The link in the e-mail works for a few days. If the e-mail has not arrived in 10 minutes, check your spam folder.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in">
            Back to sign in
          </Link>
        </p>
      </div>
    </div>
  );
}

/** Ask for a link to choose a new password. The answer is the same whether or not the address
 * has an account, so nobody can use this page to find out who uses Coproduce. */
export function ForgotPasswordPage() {
  const request = usePasswordResetRequest();
  const [sent, setSent] = useState<string | null>(null);
  const submit = useCallback((values: Record<string, string>) => request.mutateAsync({ email: (values.email ?? "").trim() }), [request]);
  const onSuccess = useCallback((answer: MessageAnswer) => setSent(answer.message), []);
  const form = useApiForm({ submit, onSuccess, fields: FIELDS });
  if (sent !== null) return <Sent message={sent} />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={request.submittedAt} />
        <PageHeading hasErrors={form.hasErrors}>Reset your password</PageHeading>
        <p className="govuk-body">Enter the e-mail address you use for Coproduce. We will send you a link to choose a new password.</p>
        <form onSubmit={form.onSubmit} noValidate>
          <TextInput name="email" label="E-mail address" type="email" autoComplete="email" spellCheck={false} error={form.fieldErrors.email} />
          <Button busy={form.busy} busyText="Sending">
            Send the link
          </Button>
        </form>
      </div>
    </div>
  );
}

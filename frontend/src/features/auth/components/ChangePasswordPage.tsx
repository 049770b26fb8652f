import { useCallback, useState } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Panel } from "@/components/Panel";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { usePageTitle } from "@/hooks/usePageTitle";

import { usePasswordChange } from "../api/account";

const LABELS: Record<string, string> = { current_password: "Your password now", new_password: "New password" };
const FIELDS = Object.keys(LABELS);

function Done() {
  usePageTitle("Your password has been changed");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Your password has been changed" />
        <p className="govuk-body">
          <Link className="govuk-link" to="/me/">
            Go to your dashboard
          </Link>
        </p>
      </div>
    </div>
  );
}

export function ChangePasswordPage() {
  const change = usePasswordChange();
  const [done, setDone] = useState(false);
  const submit = useCallback(
    (values: Record<string, string>) =>
      change.mutateAsync({ current_password: values.current_password ?? "", new_password: values.new_password ?? "" }),
    [change],
  );
  const onSuccess = useCallback(() => setDone(true), []);
  const form = useApiForm({ submit, onSuccess, fields: FIELDS });
  if (done) return <Done />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={change.submittedAt} />
        <PageHeading hasErrors={form.hasErrors}>Change your password</PageHeading>
        <form onSubmit={form.onSubmit} noValidate>
          <TextInput name="current_password" label="Your password now" type="password" autoComplete="current-password" error={form.fieldErrors.current_password} />
          <TextInput
            name="new_password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters. A few words you will remember works well."
            error={form.fieldErrors.new_password}
          />
          <Button busy={form.busy} busyText="Saving">
            Change password
          </Button>
        </form>
      </div>
    </div>
  );
}

import { useCallback, useState } from "react";
import { Link, useNavigate } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Panel } from "@/components/Panel";
import { Radios } from "@/components/Radios";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { usePageTitle } from "@/hooks/usePageTitle";

import { useRegister, type RegisterInput, type RegisterResult } from "../api/session";
import { homeFor } from "../hooks/useHomeFor";

const LABELS: Record<string, string> = {
  full_name: "Your name",
  email: "E-mail address",
  password: "Password",
  account_type: "Who is the account for",
  organisation_name: "Organisation name",
};
const FIELDS = Object.keys(LABELS);

function CheckYourEmail({ message }: { message: string }) {
  usePageTitle("Check your e-mail");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Check your e-mail">{message}</Panel>
        <p className="govuk-body">If the e-mail has not arrived in 10 minutes, check your spam folder.</p>
      </div>
    </div>
  );
}

export function RegisterPage() {
  const register = useRegister();
  const navigate = useNavigate();
  const [sent, setSent] = useState<string | null>(null);
  const submit = useCallback(
    (values: Record<string, string>) =>
      register.mutateAsync({
        full_name: values.full_name ?? "",
        email: values.email ?? "",
        password: values.password ?? "",
        account_type: (values.account_type ?? "") as RegisterInput["account_type"],
        organisation_name: values.organisation_name ?? "",
      }),
    [register],
  );
  const onSuccess = useCallback(
    (result: RegisterResult) => (result.kind === "signed-in" ? navigate(homeFor(result.me)) : setSent(result.message)),
    [navigate],
  );
  const form = useApiForm({ submit, onSuccess, fields: FIELDS });

  if (sent !== null) return <CheckYourEmail message={sent} />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={register.submittedAt} />
        <PageHeading hasErrors={form.hasErrors}>Create an account</PageHeading>
        <form onSubmit={form.onSubmit} noValidate>
          <TextInput name="full_name" label="Your name" autoComplete="name" error={form.fieldErrors.full_name} />
          <TextInput name="email" label="E-mail address" type="email" autoComplete="email" spellCheck={false} error={form.fieldErrors.email} />
          <TextInput
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters. A few words you will remember works well."
            error={form.fieldErrors.password}
          />
          <Radios
            name="account_type"
            legend="Who is the account for?"
            error={form.fieldErrors.account_type}
            options={[
              { value: "contributor", label: "Me: I take part in involvement work", hint: "For example, advisory groups or interview panels." },
              { value: "organisation", label: "An organisation that runs involvement work" },
            ]}
          />
          <TextInput
            name="organisation_name"
            label="Organisation name (if the account is for an organisation)"
            autoComplete="organization"
            error={form.fieldErrors.organisation_name}
          />
          <Button busy={form.busy} busyText="Creating your account">
            Create account
          </Button>
        </form>
        <p className="govuk-body">
          Already have an account? <Link className="govuk-link" to="/sign-in">Sign in</Link>.
        </p>
      </div>
    </div>
  );
}

import { useCallback } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";

import { useSignIn, type SignInResult } from "../api/session";
import { homeFor, safeNext } from "../hooks/useHomeFor";

const FIELDS = ["email", "password"] as const;
const LABELS: Record<string, string> = { email: "E-mail address", password: "Password" };

export function SignInPage() {
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const submit = useCallback(
    (values: Record<string, string>) => signIn.mutateAsync({ email: values.email ?? "", password: values.password ?? "" }),
    [signIn],
  );
  const onSuccess = useCallback(
    (result: SignInResult) => {
      const next = safeNext(params.get("next"));
      if (result.kind === "code-needed") navigate(next ? `/sign-in/code?next=${encodeURIComponent(next)}` : "/sign-in/code");
      else navigate(next ?? homeFor(result.me));
    },
    [navigate, params],
  );
  const form = useApiForm({ submit, onSuccess, fields: FIELDS });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={signIn.submittedAt} />
        <PageHeading hasErrors={form.hasErrors}>Sign in</PageHeading>
        <form onSubmit={form.onSubmit} noValidate>
          <TextInput name="email" label="E-mail address" type="email" autoComplete="email" spellCheck={false} error={form.fieldErrors.email} />
          <TextInput name="password" label="Password" type="password" autoComplete="current-password" error={form.fieldErrors.password} />
          <Button busy={form.busy} busyText="Signing in">
            Sign in
          </Button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/password-reset">
            I have forgotten my password
          </Link>
        </p>
        <p className="govuk-body">
          New to Coproduce? <Link className="govuk-link" to="/register">Create an account</Link>.
        </p>
      </div>
    </div>
  );
}

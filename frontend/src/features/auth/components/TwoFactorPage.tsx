import { useCallback } from "react";
import { useNavigate, useSearchParams } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";

import { useTwoFactor } from "../api/account";
import type { Me } from "../api/session";
import { homeFor, safeNext } from "../hooks/useHomeFor";

const LABELS: Record<string, string> = { code: "Code" };
const FIELDS = Object.keys(LABELS);

/** The second step of signing in, when the account uses a code from an app. */
export function TwoFactorPage() {
  const verify = useTwoFactor();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const submit = useCallback((values: Record<string, string>) => verify.mutateAsync({ code: (values.code ?? "").replace(/\s+/g, "") }), [verify]);
  // Organisation members land on their organisation, as they do when no code is needed.
  const onSuccess = useCallback((me: Me) => navigate(safeNext(params.get("next")) ?? homeFor(me)), [navigate, params]);
  const form = useApiForm({ submit, onSuccess, fields: FIELDS });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={verify.submittedAt} />
        <PageHeading hasErrors={form.hasErrors}>Enter your code</PageHeading>
        <form onSubmit={form.onSubmit} noValidate>
          <TextInput
            name="code"
            label="Code"
            hint="The 6 numbers shown in your authenticator app."
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            className="govuk-input--width-10"
            error={form.fieldErrors.code}
          />
          <Button busy={form.busy} busyText="Checking">
            Continue
          </Button>
        </form>
      </div>
    </div>
  );
}

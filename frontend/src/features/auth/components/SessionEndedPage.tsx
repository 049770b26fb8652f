import { Link, useSearchParams } from "react-router";

import { PageHeading } from "@/components/PageHeading";

import { safeNext } from "../hooks/useHomeFor";

/** Where someone lands when their session ran out mid-task. Nothing they saved is lost. */
export function SessionEndedPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const signIn = next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
  return (
    <>
      <PageHeading>Your session has ended</PageHeading>
      <p className="govuk-body">For your security, we sign you out when you have not used Coproduce for a while.</p>
      <p className="govuk-body">Anything you saved is still there.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to={signIn}>Sign in again</Link> to carry on.
      </p>
    </>
  );
}

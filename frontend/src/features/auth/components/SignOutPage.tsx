import { useEffect, useRef } from "react";
import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";

import { useSignOut } from "../api/session";

export function SignOutPage() {
  const signOut = useSignOut();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    signOut.mutate();
  }, [signOut]);

  if (signOut.isPending || signOut.isIdle) return <PageHeading>Signing you out</PageHeading>;
  return (
    <>
      <PageHeading>You have signed out</PageHeading>
      <p className="govuk-body">
        <Link className="govuk-link" to="/sign-in">Sign in again</Link>
      </p>
    </>
  );
}

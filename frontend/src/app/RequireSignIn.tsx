import { useEffect, useState } from "react";
import { Navigate, Outlet, useLocation, useOutletContext } from "react-router";

import { useSession, type Me } from "@/features/auth/api/session";

import { SESSION_ENDED_PATH } from "./session-ended";

/**
 * Pages under this route need someone signed in; anyone else is sent to sign in first. Someone
 * whose session ends while they are on one of these pages is told so instead.
 */
export function RequireSignIn() {
  const { data: me, isPending } = useSession();
  const location = useLocation();
  const [wasSignedIn, setWasSignedIn] = useState(false);
  useEffect(() => {
    if (me) setWasSignedIn(true);
  }, [me]);
  if (isPending) return <p className="govuk-body" aria-live="polite">Loading</p>;
  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`${wasSignedIn ? SESSION_ENDED_PATH : "/sign-in"}?next=${next}`} replace />;
  }
  return <Outlet context={me} />;
}

/** The signed-in person, for pages under RequireSignIn. */
export function useSignedIn(): Me {
  return useOutletContext<Me>();
}

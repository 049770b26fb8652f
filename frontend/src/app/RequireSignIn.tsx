import { Navigate, Outlet, useLocation, useOutletContext } from "react-router";

import { useSession, type Me } from "@/features/auth/api/session";

/** Pages under this route need someone signed in; anyone else is sent to sign in first. */
export function RequireSignIn() {
  const { data: me, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <p className="govuk-body" aria-live="polite">Loading</p>;
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet context={me} />;
}

/** The signed-in person, for pages under RequireSignIn. */
export function useSignedIn(): Me {
  return useOutletContext<Me>();
}

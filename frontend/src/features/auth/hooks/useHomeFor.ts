import type { Me } from "../api/session";

/** Where someone lands after signing in: contributors go to their dashboard. */
export function homeFor(me: Me): string {
  if (me.account_type === "contributor") return "/me/";
  const first = me.memberships[0];
  return first ? `/organisations/${first.organisation_id}/` : "/me/";
}

/** A `next` address from the query string, only if it is a path on this site. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//")) return null;
  // Signing in again should not sign someone straight out, or say again that they were.
  if (/^\/(sign-out|session-ended)(\/|\?|$)/.test(next)) return null;
  return next;
}

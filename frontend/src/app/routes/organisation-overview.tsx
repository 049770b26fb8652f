import { useParams } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import { OverviewPage } from "@/features/organisation/components/OverviewPage";

import { useSignedIn } from "../RequireSignIn";

export function Component() {
  const me = useSignedIn();
  const { organisationId } = useParams();
  const membership = me.memberships.find((m) => String(m.organisation_id) === organisationId);
  if (!membership) return <NotFoundPage />;
  return <OverviewPage membership={membership} memberships={me.memberships} />;
}

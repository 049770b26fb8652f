import { useParams } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import { PaymentRunPage } from "@/features/organisation/runs/components/PaymentRunPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const { runId } = useParams();
  if (!runId || !/^\d+$/.test(runId)) return <NotFoundPage />;
  return <PaymentRunPage key={runId} membership={membership} runId={Number(runId)} />;
}

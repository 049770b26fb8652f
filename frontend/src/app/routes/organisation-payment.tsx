import { useParams } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import { PaymentPage } from "@/features/organisation/payments/components/PaymentPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const { paymentId } = useParams();
  if (!paymentId || !/^\d+$/.test(paymentId)) return <NotFoundPage />;
  return <PaymentPage key={paymentId} membership={membership} paymentId={Number(paymentId)} />;
}

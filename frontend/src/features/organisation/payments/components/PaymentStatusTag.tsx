import { Tag, type TagColour } from "@/components/Tag";

import type { PaymentStatus } from "../api/payments";

export const PAYMENT_STATUS: Record<PaymentStatus, [string, TagColour]> = {
  pending: ["Waiting for approval", "yellow"],
  approved: ["Approved", "blue"],
  paid: ["Paid", "green"],
  cancelled: ["Cancelled", "grey"],
};

export function PaymentStatusTag({ status }: { status: PaymentStatus }) {
  const [label, colour] = PAYMENT_STATUS[status];
  return <Tag colour={colour}>{label}</Tag>;
}

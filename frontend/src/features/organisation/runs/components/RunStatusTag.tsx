import { Tag } from "@/components/Tag";

import type { Run } from "../api/runs";

export function RunStatusTag({ status }: { status: Run["status"] }) {
  return status === "paid" ? <Tag colour="green">Paid</Tag> : <Tag colour="blue">Open</Tag>;
}

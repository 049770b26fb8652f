import { Tag, type TagColour } from "@/components/Tag";

import type { Claim, ClaimItem } from "../api/claims";

const CLAIM_STATUS: Record<string, [string, TagColour]> = {
  submitted: ["Waiting for a decision", "yellow"],
  partly_decided: ["Partly decided", "light-blue"],
  approved: ["Approved", "green"],
  rejected: ["Not approved", "red"],
  partly_approved: ["Partly approved", "blue"],
};

const ITEM_STATUS: Record<ClaimItem["status"], [string, TagColour]> = {
  pending: ["Waiting for a decision", "yellow"],
  approved: ["Approved", "green"],
  rejected: ["Not approved", "red"],
};

export function ClaimStatusTag({ status }: { status: Claim["status"] }) {
  const [label, colour] = CLAIM_STATUS[status] ?? [status, "grey"];
  return <Tag colour={colour}>{label}</Tag>;
}

export function ItemStatusTag({ status }: { status: ClaimItem["status"] }) {
  const [label, colour] = ITEM_STATUS[status];
  return <Tag colour={colour}>{label}</Tag>;
}

export function claimTotal(claim: Claim): number {
  return claim.items.reduce((sum, item) => sum + Number(item.amount), 0);
}

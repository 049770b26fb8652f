import { Tag, type TagColour } from "@/components/Tag";
import { money } from "@/lib/format";

import type { EngagedContributor, RecordedFee } from "../api/people";

const STATUS: Record<NonNullable<EngagedContributor["status"]>, { label: string; colour: TagColour }> = {
  ok: { label: "OK", colour: "green" },
  near: { label: "Near a limit", colour: "yellow" },
  over: { label: "Over a limit", colour: "red" },
};

/** Their status as they share it (ok, near, over), or that they do not share it. */
export function LimitStatusTag({ contributor }: { contributor: EngagedContributor | undefined }) {
  if (!contributor?.shares_headroom || !contributor.status) return <Tag colour="grey">Not shared</Tag>;
  const status = STATUS[contributor.status];
  return <Tag colour={status.colour}>{status.label}</Tag>;
}

/** "Room for your next fee" in words: fits, fits £X of it, or does not fit. */
export function roomText(contributor: EngagedContributor | undefined): string {
  if (!contributor?.shares_headroom) return "They do not share this with organisations.";
  if (!contributor.next_fee) return "No paid session booked.";
  return contributor.next_fee.text;
}

/** Whether booking more paid work needs a word with them first. */
export function needsATalk(contributor: EngagedContributor | undefined): boolean {
  const fits = contributor?.next_fee?.fits;
  return contributor?.status === "over" || fits === "none" || fits === "part";
}

/** A recorded fee in one line: what is payable, what is waived and why. */
export function FeeText({ fee }: { fee: RecordedFee | null }) {
  if (!fee) return <>No fee for this attendance.</>;
  const waived = Number(fee.waived) > 0 ? `, ${money(fee.waived)} waived` : "";
  return (
    <>
      {money(fee.payable)} payable{waived}. {fee.reason}
    </>
  );
}

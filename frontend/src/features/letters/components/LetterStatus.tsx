import { Tag, type TagColour } from "@/components/Tag";

import type { Letter } from "../api/letters";

const COLOURS: Record<Letter["status"], TagColour> = {
  requested: "grey",
  rendering: "blue",
  issued: "green",
  failed: "red",
  revoked: "orange",
};

/** "Issued", "Being made", "Withdrawn" — with what happened to a replaced letter. */
export function LetterStatusTag({ letter }: { letter: Pick<Letter, "status" | "status_label" | "superseded_by"> }) {
  if (letter.superseded_by) return <Tag colour="orange">Replaced</Tag>;
  const label = letter.status === "revoked" ? "Withdrawn" : letter.status_label;
  return <Tag colour={COLOURS[letter.status]}>{label}</Tag>;
}

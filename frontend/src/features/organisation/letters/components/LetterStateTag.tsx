import { Tag, type TagColour } from "@/components/Tag";

import { LETTER_FILTERS, letterState, type Letter, type LetterFilter } from "../api/letters";

const COLOURS: Record<LetterFilter, TagColour> = {
  requested: "yellow",
  rendering: "blue",
  issued: "green",
  failed: "red",
  withdrawn: "grey",
};

export function LetterStateTag({ letter }: { letter: Pick<Letter, "status" | "waiting_for_issue" | "superseded_by"> }) {
  if (letter.superseded_by) return <Tag colour="grey">Replaced</Tag>;
  const state = letterState(letter);
  const label = LETTER_FILTERS.find((f) => f.value === state)?.label ?? state;
  return <Tag colour={COLOURS[state]}>{label}</Tag>;
}

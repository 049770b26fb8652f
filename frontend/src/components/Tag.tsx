export type TagColour = "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow";

/** A short status ("Paid", "Ready"): the words carry the meaning, the colour only helps. */
export function Tag({ children, colour }: { children: string; colour?: TagColour }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

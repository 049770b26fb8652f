import type { ExpenseClaim, Letter } from "../api/portal";

export type Todo = { key: string; text: string; href: string };

/** What is news for a month: a letter issued or an item turned down. */
const RECENT_MS = 30 * 24 * 60 * 60 * 1000;

/** Claims waiting for a receipt, items turned down (with the reason) and letters ready. */
export function todos(claims: ExpenseClaim[], letters: Letter[], now: Date = new Date()): Todo[] {
  const recent = (when: string | null) => when !== null && now.getTime() - new Date(when).getTime() < RECENT_MS;
  const items: Todo[] = [];
  for (const claim of claims) {
    const missing = claim.items.filter((item) => item.status === "pending" && !item.has_receipt).length;
    if (missing > 0) {
      items.push({
        key: `claim-${claim.id}`,
        text: `Add ${missing === 1 ? "a receipt" : `${missing} receipts`} to your expense claim for ${claim.organisation_name}`,
        href: "/me/expenses",
      });
    }
    for (const item of claim.items.filter((i) => i.status === "rejected" && recent(i.decided_at))) {
      items.push({
        key: `item-${item.id}`,
        text: `${claim.organisation_name} did not approve "${item.description}"${item.decision_reason ? `: ${item.decision_reason}` : ""}`,
        href: "/me/expenses",
      });
    }
  }
  for (const letter of letters.filter((l) => l.status === "issued" && recent(l.issued_at))) {
    items.push({
      key: `letter-${letter.id}`,
      text: `Your ${letter.kind_label.toLowerCase()} from ${letter.organisation.name} is ready to download`,
      href: "/me/letters",
    });
  }
  return items;
}

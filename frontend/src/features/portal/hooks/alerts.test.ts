import { describe, expect, it } from "vitest";

import type { Alert, ExpenseClaim, Letter } from "../api/portal";
import { alertState, resolutionOf, sortAlerts } from "./alerts";
import { todos } from "./todo";

function alert(overrides: Partial<Alert> & Record<string, unknown> = {}): Alert {
  return {
    id: 1,
    limit_key: "esa_pw_lower",
    level: "approaching",
    period_kind: "benefit_week",
    period_start: "2026-11-30",
    period_end: "2026-12-06",
    counted: "16.00",
    forecast: "16.00",
    limit: "20.00",
    title: "Close to a limit",
    message: "£16.00 of £20.00 counts.",
    created_at: "2026-12-01T10:00:00Z",
    acknowledged_at: null,
    ...overrides,
  } as Alert;
}

describe("alerts", () => {
  it("reads the resolved state when the API sends it, and not before", () => {
    expect(resolutionOf(alert())).toBeNull();
    expect(resolutionOf(alert({ resolved_at: "2026-12-02T09:00:00Z", resolved_reason: "the fee was cancelled" }))).toEqual({
      at: "2026-12-02T09:00:00Z",
      reason: "the fee was cancelled",
    });
  });

  it("puts new alerts first and those that no longer apply last", () => {
    const resolved = alert({ id: 1, resolved_at: "2026-12-02T09:00:00Z" });
    const seen = alert({ id: 2, acknowledged_at: "2026-12-01T11:00:00Z" });
    const fresh = alert({ id: 3, created_at: "2026-11-01T10:00:00Z" });
    expect(sortAlerts([resolved, seen, fresh]).map(alertState)).toEqual(["new", "seen", "resolved"]);
  });
});

describe("what needs doing", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  const item = { id: 7, category: "travel", description: "Bus fare", spent_on: "2026-11-30", miles: null, amount: "4.50", decided_at: null, decision_reason: "", payment: null } as const;

  it("lists claims missing receipts, items turned down with the reason and letters ready", () => {
    const claims = [
      { id: 1, organisation_name: "Northfield", items: [{ ...item, status: "pending", has_receipt: false }] },
      { id: 2, organisation_name: "Southdown", items: [{ ...item, id: 8, status: "rejected", has_receipt: true, decision_reason: "No receipt for parking", decided_at: "2026-12-01T10:00:00Z" }] },
    ] as unknown as ExpenseClaim[];
    const letters = [
      { id: 5, status: "issued", kind_label: "Benefits advisor letter", organisation: { id: 1, name: "Northfield" }, issued_at: "2026-12-01T10:00:00Z" },
      { id: 6, status: "issued", kind_label: "Old letter", organisation: { id: 1, name: "Northfield" }, issued_at: "2026-06-01T10:00:00Z" },
    ] as unknown as Letter[];

    expect(todos(claims, letters, now).map((t) => t.text)).toEqual([
      "Add a receipt to your expense claim for Northfield",
      'Southdown did not approve "Bus fare": No receipt for parking',
      "Your benefits advisor letter from Northfield is ready to download",
    ]);
  });
});

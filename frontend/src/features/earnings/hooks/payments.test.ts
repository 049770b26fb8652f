import { describe, expect, it } from "vitest";

import type { Payment } from "../api/earnings";
import { paymentNote, paymentsCsv, paymentsIn, paymentState } from "./payments";

function payment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: 1,
    organisation: 1,
    organisation_name: "Northfield",
    contributor: 2,
    contributor_name: "Sam",
    engagement: 3,
    opportunity: null,
    opportunity_title: null,
    attendance: null,
    kind: "fee",
    description: "Advisory group, 3 December",
    offered: "50.00",
    payable: "20.00",
    waived: "30.00",
    choice: "capped",
    choice_reason: "Reduced to £20.00 at the contributor's request.",
    donated_to: "",
    method: "bank_transfer",
    due_on: "2026-12-03",
    paid_on: null,
    counts_on: "2026-12-03",
    planned_on: null,
    hours: "2.00",
    time_based: true,
    status: "approved",
    run: null,
    created_at: "2026-11-01T10:00:00Z",
    approved_at: null,
    cancelled_at: null,
    cancel_reason: "",
    ...overrides,
  };
}

describe("payments", () => {
  it("calls a payment paid only once the money has gone", () => {
    expect(paymentState(payment({ status: "approved" }))).toBe("Due");
    expect(paymentState(payment({ status: "pending" }))).toBe("Due");
    expect(paymentState(payment({ status: "paid", paid_on: "2026-12-04" }))).toBe("Paid");
    expect(paymentState(payment({ status: "cancelled" }))).toBe("Cancelled");
  });

  it("says where a donated fee went", () => {
    expect(paymentNote(payment({ choice: "donate", donated_to: "Mind", choice_reason: "" }))).toBe("Given to Mind");
  });

  it("keeps the payments that count inside a period, both ends included", () => {
    const rows = [payment({ id: 1, counts_on: "2026-11-29" }), payment({ id: 2, counts_on: "2026-11-30" }), payment({ id: 3, counts_on: "2026-12-06" }), payment({ id: 4, counts_on: "2026-12-07" })];
    expect(paymentsIn(rows, "2026-11-30", "2026-12-06").map((p) => p.id)).toEqual([2, 3]);
  });

  it("writes a CSV with quoted commas and no spreadsheet formulas", () => {
    const csv = paymentsCsv([payment({ description: "Panel, round 2", organisation_name: "=HYPERLINK()" })]);
    const [header, row] = csv.trim().split("\r\n");
    expect(header).toBe("Organisation,What for,Kind,Offered,Paid to you,Not taken,Given to,Status,Due on,Paid on,Counts on,Why");
    expect(row).toContain('"Panel, round 2"');
    expect(row?.startsWith("'=HYPERLINK()")).toBe(true);
    expect(row).toContain(",50.00,20.00,30.00,,Due,2026-12-03,,2026-12-03,");
  });
});

import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { FINANCE, renderAt, stubApi } from "../../workspace/testing";
import { ExpenseClaimPage } from "./ExpenseClaimPage";

const item = (id: number, extra: object) => ({
  id, category: "travel", description: `Item ${id}`, spent_on: "2026-11-23", miles: null, amount: "12.40", status: "pending",
  decision_reason: "", decided_at: null, payment: null, has_receipt: true, receipt_type: "image/png", ...extra,
});
const CLAIM = {
  id: 9, organisation: 1, organisation_name: "Northfield", contributor: 5, contributor_name: "Alex Smith", engagement: null, note: "",
  status: "submitted", created_at: "2026-11-24T10:00:00Z",
  items: [item(1, { description: "Train ticket" }), item(2, { description: "Taxi", receipt_type: "application/pdf" }), item(3, { category: "mileage", description: "Drive", miles: "10.0", amount: "4.50", has_receipt: false, receipt_type: null })],
};

afterEach(() => vi.unstubAllGlobals());

describe("an expense claim", () => {
  it("shows image receipts inline, PDFs in a frame, each with a download link", async () => {
    stubApi(() => CLAIM);
    renderAt(<ExpenseClaimPage membership={FINANCE} claimId={9} />, "/organisations/1/expense-claims/9", "/organisations/1/expense-claims/9");

    expect(await screen.findByRole("img", { name: "Receipt for Train ticket" })).toHaveAttribute("src", "/api/v1/expense-claims/9/items/1/receipt/");
    expect(screen.getByTitle("Receipt for Taxi")).toHaveAttribute("src", "/api/v1/expense-claims/9/items/2/receipt/");
    expect(screen.getByRole("link", { name: "Download the receipt for Taxi" })).toHaveAttribute("href", "/api/v1/expense-claims/9/items/2/receipt/?download=1");
    expect(screen.getByText("10.0 miles, at the rate for that tax year")).toBeInTheDocument();
  });

  it("rejects one item with a reason after checking the decision", async () => {
    const calls = stubApi((method) =>
      method === "POST" ? { ...CLAIM, status: "partly_decided", items: [item(1, { description: "Train ticket", status: "rejected", decision_reason: "Not for this session" }), ...CLAIM.items.slice(1)] } : CLAIM,
    );
    const user = userEvent.setup();
    renderAt(<ExpenseClaimPage membership={FINANCE} claimId={9} />, "/organisations/1/expense-claims/9", "/organisations/1/expense-claims/9");

    const decision = await screen.findByRole("group", { name: "Your decision on Train ticket" });
    await user.click(decision.querySelector("input[value=reject]") as HTMLElement);
    await user.click(screen.getAllByRole("button", { name: "Continue" })[0] as HTMLElement);
    expect(screen.getByRole("link", { name: "Say why the item is not approved" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Why is it not approved?"), "Not for this session");
    await user.click(screen.getAllByRole("button", { name: "Continue" })[0] as HTMLElement);
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await user.click(screen.getByRole("button", { name: "Do not approve item" }));

    expect(await screen.findByText("Train ticket: not approved.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")).toMatchObject({ path: "/api/v1/expense-claims/9/reject/", body: { items: [1], reason: "Not for this session" } });
  });
});

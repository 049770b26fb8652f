import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { FINANCE, page, PAYMENT, renderAt, stubApi } from "../../workspace/testing";
import { PaymentRunPage } from "./PaymentRunPage";

const RUN = { id: 3, organisation: 1, reference: "RUN-3", status: "open", created_at: "2026-12-03T10:00:00Z", exported_at: null, pay_on: "2026-12-10", paid_on: null, payment_count: 1, total: "12.00" };

afterEach(() => vi.unstubAllGlobals());

describe("a payment run", () => {
  it("lists its payments, links to each file for finance systems and the bank, and is marked paid after checking", async () => {
    const calls = stubApi((method, path) => {
      if (path === "/api/v1/payments/") return page([{ ...PAYMENT, status: "approved", run: 3 }]);
      if (path === "/api/v1/organisations/1/payment-runs/3/exports/")
        return page([
          { format: "xero", label: "Xero bills import (CSV)", filename: "xero-bills.csv", content_type: "text/csv", url: "/api/v1/organisations/1/payment-runs/3/exports/xero/" },
          { format: "bank", label: "Bank bulk payment file (BACS CSV)", filename: "bank-payments.csv", content_type: "text/csv", url: "/api/v1/organisations/1/payment-runs/3/exports/bank/" },
        ]);
      if (method === "POST") return { ...RUN, status: "paid", paid_on: "2026-12-10" };
      return RUN;
    });
    const user = userEvent.setup();
    renderAt(<PaymentRunPage membership={FINANCE} runId={3} />, "/organisations/1/payment-runs/3", "/organisations/1/payment-runs/3");

    expect(await screen.findByRole("link", { name: "Xero bills import (CSV)" })).toHaveAttribute("href", "/api/v1/organisations/1/payment-runs/3/exports/xero/");
    expect(screen.getByRole("link", { name: "Bank bulk payment file (BACS CSV)" })).toHaveAttribute("download", "bank-payments.csv");
    expect(await screen.findByRole("table", { name: "Payments in this run" })).toHaveTextContent("Alex Smith");
    expect(new URLSearchParams(calls.find((c) => c.path === "/api/v1/payments/")?.search).get("run")).toBe("3");
    expect(screen.getByLabelText("Date the money was paid")).toHaveValue("2026-12-10");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await user.click(screen.getByRole("button", { name: "Mark run paid" }));

    expect(await screen.findByText("Run marked paid. Everyone in it has been told.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")).toMatchObject({ path: "/api/v1/organisations/1/payment-runs/3/mark-paid/", body: { paid_on: "2026-12-10" } });
    expect(screen.queryByRole("button", { name: "Mark run paid" })).not.toBeInTheDocument();
  });
});

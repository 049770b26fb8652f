import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { FINANCE, page, PAYMENT, renderAt, stubApi } from "../../workspace/testing";
import { PaymentPage } from "./PaymentPage";
import { filtersFrom, PaymentsPage } from "./PaymentsPage";


afterEach(() => vi.unstubAllGlobals());

describe("the payments page", () => {
  it("reads its filters from the address and sends them to the API", async () => {
    const calls = stubApi((_method, path) => {
      if (path === "/api/v1/payments/") return page([PAYMENT]);
      if (path === "/api/v1/opportunities/") return page([{ id: 4, title: "Research advisory group" }]);
      if (path === "/api/v1/engagements/") return page([{ contributor: { id: 5, full_name: "Alex Smith" } }]);
      return {};
    });

    renderAt(<PaymentsPage membership={FINANCE} />, "/organisations/1/payments", "/organisations/1/payments?status=pending&opportunity=4&counts_from=2026-11-01&page=x");

    const table = await screen.findByRole("table", { name: "Payments (1)" });
    expect(within(table).getByRole("link", { name: "Advisory group: papers review for Alex Smith" })).toHaveAttribute("href", "/organisations/1/payments/12");
    expect(within(table).getByText("Waiting for approval")).toBeInTheDocument();
    const list = calls.find((call) => call.path === "/api/v1/payments/");
    const sent = new URLSearchParams(list?.search);
    expect(Object.fromEntries(sent)).toEqual({ organisation: "1", page_size: "25", status: "pending", opportunity: "4", counts_from: "2026-11-01" });
    expect(screen.getByLabelText("Status")).toHaveValue("pending");
    expect(await screen.findByRole("option", { name: "Research advisory group" })).toBeInTheDocument();
  });

  it("ignores filters that are not right instead of sending them", () => {
    expect(filtersFrom(new URLSearchParams("status=lost&contributor=-1&counts_to=soon&page=1"))).toEqual({});
  });
});

describe("a payment", () => {
  it("is cancelled with a reason only after checking the answers", async () => {
    const calls = stubApi((method, path) => {
      if (path === "/api/v1/payments/12/history/") return page([{ id: 1, changed_at: "2026-11-23T10:00:00Z", changed_by: "Kim Lee", action: "created", summary: "Payment recorded.", changes: [] }]);
      if (method === "POST" && path === "/api/v1/payments/12/cancel/") return { ...PAYMENT, status: "cancelled", cancel_reason: "Recorded twice" };
      if (path === "/api/v1/payments/12/") return PAYMENT;
      return {};
    });
    const user = userEvent.setup();
    renderAt(<PaymentPage membership={FINANCE} paymentId={12} />, "/organisations/1/payments/12", "/organisations/1/payments/12");

    expect(await screen.findByRole("heading", { level: 1, name: /Payment to Alex Smith/ })).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "History" })).toHaveTextContent("Kim Lee");
    await user.click(screen.getByRole("button", { name: "Cancel payment" }));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("link", { name: "Say why you are cancelling this payment" })).toHaveAttribute("href", "#reason");
    await user.type(screen.getByLabelText("Why are you cancelling it?"), "Recorded twice");
    await user.click(screen.getByRole("button", { name: "Continue" }));

    expect(screen.getByRole("heading", { level: 1, name: "Check before you cancel this payment" })).toBeInTheDocument();
    expect(calls.some((call) => call.method === "POST")).toBe(false);
    await user.click(screen.getByRole("button", { name: "Cancel payment" }));

    expect(await screen.findByText("Payment cancelled.")).toBeInTheDocument();
    expect(calls.find((call) => call.path === "/api/v1/payments/12/cancel/")?.body).toEqual({ reason: "Recorded twice" });
    expect(screen.getByText("Cancelled")).toBeInTheDocument();
  });

  it("shows the API's refusal in the error summary", async () => {
    stubApi((method, path) => {
      if (path === "/api/v1/payments/12/history/") return page([]);
      if (method === "POST") {
        return new Response(JSON.stringify({ message: "This payment is in a payment run.", code: "conflict", fields: {} }), {
          status: 409,
          headers: { "Content-Type": "application/json" },
        });
      }
      return { ...PAYMENT, status: "pending" };
    });
    const user = userEvent.setup();
    renderAt(<PaymentPage membership={FINANCE} paymentId={12} />, "/organisations/1/payments/12", "/organisations/1/payments/12");

    await user.click(await screen.findByRole("button", { name: "Approve" }));
    await user.click(screen.getByRole("button", { name: "Approve payment" }));

    expect(await screen.findByText("This payment is in a payment run.")).toBeInTheDocument();
    expect(screen.getByText("There is a problem")).toBeInTheDocument();
  });

  it("offers no actions to a viewer", async () => {
    stubApi((_method, path) => (path.endsWith("/history/") ? page([]) : PAYMENT));
    renderAt(<PaymentPage membership={{ ...FINANCE, role: "viewer" }} paymentId={12} />, "/organisations/1/payments/12", "/organisations/1/payments/12");

    expect(await screen.findByRole("heading", { level: 1, name: /Payment to Alex Smith/ })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel payment" })).not.toBeInTheDocument();
  });
});

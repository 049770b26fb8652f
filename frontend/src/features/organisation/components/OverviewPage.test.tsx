import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Membership } from "../workspace/sections";
import { OverviewPage } from "./OverviewPage";

const OVERVIEW = {
  this_month: { start: "2026-12-01", end: "2026-12-31", fees: "120.00", expenses: "8.10", total: "128.10", budget: "500.00", remaining: "371.90" },
  this_tax_year: { start: "2026-04-06", end: "2027-04-05", fees: "387.00", expenses: "8.10", total: "395.10", budget: null, remaining: null },
  pending_approvals: 3,
  pending_total: "87.00",
  approved_not_in_run: 1,
  open_expense_items: 0,
  letters_waiting: 2,
  next_sessions: [{ id: 7, opportunity_id: 2, opportunity_title: "Research advisory group", date: "2026-12-09", start_time: "10:00:00", end_time: "12:00:00" }],
  contributors_needing_care: [
    { contributor_id: 4, name: "Alex Morgan", status: "over" },
    { contributor_id: 5, name: "Sam Patel", status: "near" },
  ],
  today: [
    { kind: "approvals", count: 3 },
    { kind: "payment_run", count: 1 },
  ],
};

const NORTHFIELD: Membership = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role: "finance" };

afterEach(() => vi.unstubAllGlobals());

function renderOverview(body: object = OVERVIEW) {
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      calls.push(new URL(input.url).pathname);
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  const router = createMemoryRouter([{ path: "/organisations/:id/", element: <OverviewPage membership={NORTHFIELD} /> }], {
    initialEntries: ["/organisations/1/"],
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return calls;
}

describe("the organisation overview", () => {
  it("shows spend against budget in a chart and a table, from one request", async () => {
    const calls = renderOverview();

    const spend = await screen.findByRole("table", { name: "Spend" });
    const month = within(spend).getAllByRole("row")[1];
    expect(month).toHaveTextContent("£128.10");
    expect(month).toHaveTextContent("£500.00");
    expect(month).toHaveTextContent("£371.90");
    expect(within(spend).getAllByRole("row")[2]).toHaveTextContent("None set");
    expect(screen.getByText(/spent of a £500\.00 budget/)).toBeInTheDocument();
    expect(screen.getByText(/spent \(no budget set\)/)).toBeInTheDocument();
    expect(calls).toEqual(["/api/v1/organisations/1/overview/"]);
  });

  it("links what needs doing today to the page that does it", async () => {
    renderOverview();
    expect(await screen.findByRole("link", { name: "Approve or cancel 3 fees" })).toHaveAttribute("href", "/organisations/1/payments?status=pending");
    expect(screen.getByRole("link", { name: "Put 1 approved payment in a payment run" })).toHaveAttribute("href", "/organisations/1/payment-runs/new");
  });

  it("says so when nothing needs doing, and when no one shared is near a limit", async () => {
    renderOverview({ ...OVERVIEW, today: [], contributors_needing_care: [] });
    expect(await screen.findByText("Nothing needs doing today.")).toBeInTheDocument();
    expect(screen.getByText("No one who shares this is near or over a limit today.")).toBeInTheDocument();
  });

  it("names contributors near or over with a status only, and what waits", async () => {
    renderOverview();
    expect(await screen.findByText("No room for more paid work")).toBeInTheDocument();
    expect(screen.getByText("Close to a limit")).toBeInTheDocument();
    expect(screen.getByText("3 (£87.00)")).toBeInTheDocument();
    expect(screen.getByText("Letters waiting to be issued").nextSibling).toHaveTextContent("2");
    expect(screen.getByRole("table", { name: "Next sessions" })).toHaveTextContent("Research advisory group");
  });
});

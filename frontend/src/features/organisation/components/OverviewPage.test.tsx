import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { OverviewPage } from "./OverviewPage";

const DASHBOARD = {
  this_month: { start: "2026-12-01", end: "2026-12-31", fees: "120.00", expenses: "8.10", total: "128.10", budget: "500.00", remaining: "371.90" },
  this_tax_year: { start: "2026-04-06", end: "2027-04-05", fees: "387.00", expenses: "8.10", total: "395.10", budget: null, remaining: null },
  pending_approvals: 3,
  pending_total: "87.00",
  approved_not_in_run: 1,
  open_expense_items: 0,
  next_sessions: [{ id: 7, opportunity_id: 2, opportunity_title: "Research advisory group", date: "2026-12-09", start_time: "10:00:00", end_time: "12:00:00" }],
};

const NORTHFIELD = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role: "coordinator" };

afterEach(() => vi.unstubAllGlobals());

function renderOverview() {
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      calls.push(new URL(input.url).pathname);
      return new Response(JSON.stringify(DASHBOARD), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  const router = createMemoryRouter(
    [{ path: "/organisations/:id/", element: <OverviewPage membership={NORTHFIELD} /> }],
    { initialEntries: ["/organisations/1/"] },
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return calls;
}

describe("the organisation overview", () => {
  it("shows spend against budget, what waits and the next sessions from the organisation's dashboard", async () => {
    const calls = renderOverview();

    const spend = await screen.findByRole("table", { name: "Spend" });
    const month = within(spend).getAllByRole("row")[1];
    expect(month).toHaveTextContent("£128.10");
    expect(month).toHaveTextContent("£500.00");
    expect(month).toHaveTextContent("£371.90");
    expect(within(spend).getAllByRole("row")[2]).toHaveTextContent("None set");
    expect(screen.getByText("3 (£87.00)")).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Next sessions" })).toHaveTextContent("Research advisory group");
    expect(calls).toEqual(["/api/v1/organisations/1/dashboard/"]);
  });

});

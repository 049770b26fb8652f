import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PeoplePage } from "./PeoplePage";

const NORTHFIELD = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role: "coordinator" } as const;
const page = <T,>(results: T[]) => ({ count: results.length, count_exact: true, next: null, previous: null, results });
const engagement = (id: number, contributor: number, name: string, status: string) => ({
  id,
  opportunity: { id: 4, title: "Service design panel", status: "published", organisation_id: 1, organisation_name: "Northfield" },
  contributor: { id: contributor, full_name: name, email: `${contributor}@example.org` },
  application_id: id,
  status,
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
  withdrawn_at: null,
  completed_at: null,
  payment_choice: null,
});
const nextFee = (fits: string, text: string) => ({ date: "2026-12-09", amount: "50.00", fits, fits_amount: null, text });
const ANSWERS: Record<string, unknown> = {
  "/api/v1/engagements/": page([engagement(11, 101, "Ada Ash", "active"), engagement(12, 102, "Bo Birch", "active"), engagement(13, 103, "Cy Cedar", "withdrawn")]),
  "/api/v1/organisations/1/contributors/": page([
    { contributor_id: 101, name: "Ada Ash", active_engagements: 1, shares_headroom: true, status: "over", next_fee: nextFee("none", "Your next booked fee for Ada Ash does not fit within a limit that matters to them.") },
    { contributor_id: 102, name: "Bo Birch", active_engagements: 1, shares_headroom: false, status: null, next_fee: null },
  ]),
  "/api/v1/organisations/1/registers/": page([
    { id: 9, date: "2026-12-02", start_time: "10:00:00", end_time: "12:00:00", planned_hours: "2.00", opportunity_id: 4, opportunity_title: "Service design panel", paid: true, waiting: 2 },
  ]),
};

afterEach(() => vi.unstubAllGlobals());

function renderPeople() {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const body = ANSWERS[new URL(input.url).pathname];
      return new Response(JSON.stringify(body), { status: body ? 200 : 404, headers: { "Content-Type": "application/json" } });
    }),
  );
  const router = createMemoryRouter([{ path: "/organisations/:id/people", element: <PeoplePage membership={NORTHFIELD} /> }], {
    initialEntries: ["/organisations/1/people"],
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe("people and attendance", () => {
  it("shows each person's status and room for the next fee, only as far as they share it", async () => {
    renderPeople();

    const people = await screen.findByRole("table", { name: "People on your roles" });
    const [, ada, bo, cy] = within(people).getAllByRole("row");
    expect(ada).toHaveTextContent("Over a limit");
    expect(ada).toHaveTextContent("does not fit within a limit that matters to them");
    expect(within(ada!).getByRole("link")).toHaveAttribute("href", "/organisations/1/people/11");
    expect(bo).toHaveTextContent("Not shared");
    expect(bo).toHaveTextContent("They do not share this with organisations.");
    expect(cy).toHaveTextContent("Withdrawn");
  });

  it("warns before booking someone whose next fee would not fit, and links each register to log", async () => {
    renderPeople();

    const warning = await screen.findByRole("region", { name: "Important" });
    expect(warning).toHaveTextContent("Talk to these people before booking them for more paid work");
    expect(warning).toHaveTextContent("Ada Ash");
    expect(warning).not.toHaveTextContent("Bo Birch");
    const register = await screen.findByRole("link", { name: /Log the register for Service design panel/ });
    expect(register).toHaveAttribute("href", "/organisations/1/sessions/9/register");
  });
});

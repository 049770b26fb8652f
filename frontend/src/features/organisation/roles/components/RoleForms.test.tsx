import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { RoleFormPage } from "./RoleFormPage";
import { SessionCancelPage } from "./SessionFormPage";

const NORTHFIELD = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role: "coordinator" } as const;
const RATES = { count: 1, next: null, previous: null, results: [{ id: 4, name: "Standard", description: "", amount: "25.00", unit: "hour", is_default: true }] };
const ROLE = {
  id: 9, organisation: { id: 1, name: "Northfield", slug: "northfield", is_verified: true }, title: "Reading panel", summary: "Read leaflets.",
  description: "", involvement_type: "advisory_group", location: "", is_remote: true, accessibility: "", places: 2, places_filled: 0, places_left: 2,
  closing_date: "2026-12-31", status: "draft", pay_rate: "25.00", pay_unit: "hour", pay_summary: "£25.00 an hour", expenses_covered: [],
  expenses_notes: "", session_count: null, hours_per_session: null, created_at: "", updated_at: "", published_at: null, closed_at: null,
};
const SESSIONS = {
  count: 1, next: null, previous: null,
  results: [{ id: 3, opportunity_id: 9, date: "2026-12-10", start_time: "10:00:00", end_time: "12:00:00", location: "Room 1", online_link: "", planned_hours: "2.00", status: "scheduled", cancelled_reason: "", cancelled_at: null }],
};

type Call = { method: string; path: string; body: unknown };
type Answer = { status: number; body: unknown };

afterEach(() => vi.unstubAllGlobals());

function serve(answers: Record<string, Answer>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      const text = input.method === "GET" ? "" : await input.text();
      calls.push({ method: input.method, path, body: text ? JSON.parse(text) : undefined });
      const answer = answers[`${input.method} ${path}`] ?? { status: 404, body: { message: "Not found", code: "not_found", fields: {} } };
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

function show(element: React.ReactElement, path: string) {
  const router = createMemoryRouter([{ path, element }, { path: "*", element: <p>Elsewhere</p> }], { initialEntries: [path] });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe("posting a role", () => {
  it("sends the rate card's offer and every expense ticked, then shows the API's field errors beside the fields", async () => {
    const calls = serve({
      "GET /api/v1/organisations/1/pay-rates/": { status: 200, body: RATES },
      "POST /api/v1/opportunities/": {
        status: 400,
        body: { message: "The closing date has passed.", code: "invalid", fields: { closing_date: ["Choose a closing date that is today or later."] } },
      },
    });
    show(<RoleFormPage membership={NORTHFIELD} />, "/organisations/1/roles/new");
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText("Title"), "Reading panel");
    await user.type(screen.getByLabelText("Summary"), "Read our leaflets.");
    await user.clear(screen.getByLabelText("Places"));
    await user.type(screen.getByLabelText("Places"), "3");
    expect(screen.getByLabelText("Standard: £25.00 per hour")).toBeChecked();
    await user.click(screen.getByLabelText("Meals"));
    await user.click(screen.getByRole("button", { name: "Save as a draft" }));

    const post = calls.find((c) => c.method === "POST");
    expect(post?.body).toMatchObject({
      organisation: 1,
      title: "Reading panel",
      places: 3,
      pay_rate: "25.00",
      pay_unit: "hour",
      expenses_covered: ["travel", "meals"],
    });
    expect(await screen.findByRole("link", { name: "Closing date: Choose a closing date that is today or later." })).toHaveAttribute("href", "#closing_date");
    expect(screen.getByLabelText("Closing date")).toHaveAttribute("aria-invalid", "true");
    expect(document.title).toMatch(/^Error: /);
  });

  it("sends no pay for an unpaid role", async () => {
    const calls = serve({
      "GET /api/v1/organisations/1/pay-rates/": { status: 200, body: RATES },
      "POST /api/v1/opportunities/": { status: 201, body: { ...ROLE, pay_rate: null, pay_unit: "" } },
    });
    show(<RoleFormPage membership={NORTHFIELD} />, "/organisations/1/roles/new");
    const user = userEvent.setup();

    await user.click(await screen.findByLabelText("Unpaid: expenses only"));
    await user.click(screen.getByRole("button", { name: "Save as a draft" }));

    expect(await screen.findByText("Elsewhere")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toMatchObject({ pay_rate: null, pay_unit: "" });
  });
});

describe("cancelling a session", () => {
  it("warns that people booked are told, and needs a reason", async () => {
    const calls = serve({
      "GET /api/v1/opportunities/9/": { status: 200, body: ROLE },
      "GET /api/v1/opportunities/9/sessions/": { status: 200, body: SESSIONS },
      "POST /api/v1/opportunities/9/sessions/3/cancel/": {
        status: 400,
        body: { message: "Some answers are not right.", code: "invalid", fields: { reason: ["Enter why the session is cancelled."] } },
      },
    });
    show(<SessionCancelPage membership={NORTHFIELD} roleId={9} sessionId={3} />, "/organisations/1/roles/9/sessions/3/cancel");
    const user = userEvent.setup();

    expect(await screen.findByText(/The people booked are told by e-mail and in the app/)).toBeInTheDocument();
    expect(screen.getByText(/You are cancelling the session on .*10 December 2026, 10:00 to 12:00/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel the session" }));

    expect(calls.at(-1)).toMatchObject({ method: "POST", body: { reason: "" } });
    expect(await screen.findByRole("link", { name: "Reason: Enter why the session is cancelled." })).toBeInTheDocument();
  });
});

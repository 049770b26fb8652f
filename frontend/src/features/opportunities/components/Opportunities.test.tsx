import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Role } from "../api/opportunities";
import { ApplyJourney } from "./ApplyPage";
import { RoleSearchPage } from "./RoleSearchPage";

afterEach(() => vi.unstubAllGlobals());

const ROLE: Role = {
  id: 7,
  organisation: { id: 1, name: "Northfield Mind", slug: "northfield", is_verified: true },
  title: "Interview panel",
  summary: "Choose our next peer worker.",
  description: "",
  involvement_type: "interview_panel",
  location: "Leeds",
  is_remote: false,
  accessibility: "",
  places: 2,
  places_filled: 0,
  places_left: 2,
  closing_date: "2026-12-20",
  status: "published",
  pay_rate: "60.00",
  pay_unit: "half_day",
  pay_summary: "£60.00 a half day (up to 4 hours)",
  expenses_covered: ["travel"],
  expenses_notes: "",
  session_count: 1,
  hours_per_session: "3.00",
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
  published_at: "2026-11-01T10:00:00Z",
  closed_at: null,
};

function stubFetch(answer: (request: Request) => { status: number; body: unknown }) {
  document.cookie = "csrftoken=token-1";
  const requests: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      requests.push(request.clone());
      const { status, body } = answer(request);
      return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return requests;
}

function renderAt(path: string, element: ReactNode) {
  const router = createMemoryRouter([{ path: "*", element }], { initialEntries: [path] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe("role search", () => {
  it("asks the API for the filters in the address and lists each role's pay and closing date", async () => {
    const requests = stubFetch(() => ({ status: 200, body: { count: 1, next: null, previous: null, results: [ROLE] } }));
    renderAt("/opportunities?type=interview_panel&where=in-person&place=Leeds&pay=paid", <RoleSearchPage />);

    expect(await screen.findByRole("heading", { name: "1 role found" })).toBeInTheDocument();
    expect(screen.getByText("£60.00 a half day (up to 4 hours)")).toBeInTheDocument();
    expect(screen.getByText("Sunday 20 December 2026")).toBeInTheDocument();
    const query = new URL(requests[0]?.url ?? "").searchParams;
    expect(query.getAll("involvement_type")).toEqual(["interview_panel"]);
    expect([query.get("remote"), query.get("place"), query.get("paid")]).toEqual(["false", "Leeds", "true"]);
    expect(screen.getByLabelText("Interview panel")).toBeChecked();
  });

  it("puts a new search in the address, starting again at page 1", async () => {
    stubFetch(() => ({ status: 200, body: { count: 0, next: null, previous: null, results: [] } }));
    const router = renderAt("/opportunities?page=3", <RoleSearchPage />);
    expect(await screen.findByRole("heading", { name: "No roles match your search" })).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText("Online"));
    await userEvent.click(screen.getByRole("button", { name: "Show roles" }));

    expect(router.state.location.search).toBe("?where=remote");
  });

  it("links to each page of results when there are more than fit on one", async () => {
    stubFetch(() => ({ status: 200, body: { count: 25, next: "x", previous: null, results: [ROLE] } }));
    renderAt("/opportunities?q=panel", <RoleSearchPage />);

    expect(await screen.findByRole("link", { name: "Page 3" })).toHaveAttribute("href", "/opportunities?q=panel&page=3");
    expect(screen.getByRole("link", { name: "Page 1" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Next page" })).toBeInTheDocument();
  });

  it("says about how many roles there are when the count is an estimate", async () => {
    stubFetch(() => ({ status: 200, body: { count: 4321, count_exact: false, next: "x", previous: null, results: [ROLE] } }));
    renderAt("/opportunities", <RoleSearchPage />);

    expect(await screen.findByRole("heading", { name: "About 4,321 roles found" })).toBeInTheDocument();
  });
});

describe("applying for a role", () => {
  it("asks for a statement, shows the answers to check, then sends them", async () => {
    const requests = stubFetch(() => ({ status: 201, body: { id: 1 } }));
    renderAt("/opportunities/7/apply", <ApplyJourney role={ROLE} />);

    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("link", { name: "Write a few words about why you are interested in this role." })).toHaveAttribute(
      "href",
      "#statement",
    );
    expect(requests).toHaveLength(0);

    await userEvent.type(screen.getByLabelText("Why are you interested in this role?"), "I know peer work.");
    await userEvent.type(screen.getByLabelText(/Are there any adjustments/), "Breaks");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(screen.getByRole("heading", { name: /Check your answers before you apply/ })).toBeInTheDocument();
    expect(screen.getByText("I know peer work.")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Send application" }));

    expect(await screen.findByRole("heading", { name: "Application sent" })).toBeInTheDocument();
    expect(await requests[0]?.json()).toEqual({ statement: "I know peer work.", adjustments_requested: "Breaks" });
    expect(requests[0]?.url).toContain("/api/v1/opportunities/7/applications/");
  });

  it("keeps the answers when going back to change them", async () => {
    stubFetch(() => ({ status: 201, body: { id: 1 } }));
    renderAt("/opportunities/7/apply", <ApplyJourney role={ROLE} />);

    await userEvent.type(screen.getByLabelText("Why are you interested in this role?"), "My reasons");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    await userEvent.click(screen.getByRole("button", { name: "Change your answers" }));

    expect(screen.getByLabelText("Why are you interested in this role?")).toHaveValue("My reasons");
  });

  it("takes a problem the API finds with an answer back to that answer", async () => {
    stubFetch(() => ({ status: 400, body: { message: "Check the form.", code: "invalid", fields: { statement: ["Use plain text only."] } } }));
    renderAt("/opportunities/7/apply", <ApplyJourney role={ROLE} />);

    await userEvent.type(screen.getByLabelText("Why are you interested in this role?"), "<b>hi</b>");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    await userEvent.click(screen.getByRole("button", { name: "Send application" }));

    expect(await screen.findByRole("link", { name: "Use plain text only." })).toHaveAttribute("href", "#statement");
    expect(screen.getByLabelText("Why are you interested in this role?")).toHaveValue("<b>hi</b>");
  });

  it("says when the role cannot take the application", async () => {
    stubFetch(() => ({ status: 409, body: { message: "You have already applied for this role.", code: "conflict", fields: {} } }));
    renderAt("/opportunities/7/apply", <ApplyJourney role={ROLE} />);

    await userEvent.type(screen.getByLabelText("Why are you interested in this role?"), "Again");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    await userEvent.click(screen.getByRole("button", { name: "Send application" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("You have already applied for this role.");
  });
});

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { MembersPage } from "./MembersPage";

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });
const MEMBERS = page([
  { id: 1, user_id: 10, email: "owner@example.org", full_name: "Olive Owner", role: "owner", created_at: "2026-01-01T00:00:00Z" },
  { id: 2, user_id: 11, email: "me@example.org", full_name: "Ada Admin", role: "admin", created_at: "2026-01-01T00:00:00Z" },
  { id: 3, user_id: 12, email: "cat@example.org", full_name: "Cat Coordinator", role: "coordinator", created_at: "2026-01-01T00:00:00Z" },
]);
const INVITATIONS = page([{ id: 7, email: "new@example.org", role: "viewer", status: "pending", created_at: "2026-12-01T00:00:00Z" }]);

type Answer = { status: number; body?: unknown };
type Call = { method: string; path: string; body: string };

afterEach(() => vi.unstubAllGlobals());

function renderMembers(role: string, answers: Record<string, Answer> = {}) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request | string) => {
      const request = typeof input === "string" ? new Request(new URL(input, window.location.origin)) : input;
      const path = new URL(request.url).pathname;
      calls.push({ method: request.method, path, body: request.method === "GET" ? "" : await request.text() });
      if (path === "/api/v1/auth/csrf/") return Response.json({ csrf_token: "token" });
      if (request.method === "GET" && path.endsWith("/members/")) return Response.json(MEMBERS);
      if (request.method === "GET" && path.endsWith("/invitations/")) return Response.json(INVITATIONS);
      const answer = answers[`${request.method} ${path}`] ?? { status: 404, body: { message: "Not found.", code: "not_found", fields: {} } };
      return answer.status === 204 ? new Response(null, { status: 204 }) : Response.json(answer.body, { status: answer.status });
    }),
  );
  const membership = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role };
  const router = createMemoryRouter([{ path: "/organisations/:id/members", element: <MembersPage membership={membership} meId={11} /> }], {
    initialEntries: ["/organisations/1/members"],
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return calls;
}

describe("the members page", () => {
  it("changes a member's role, and offers an admin no owner role and no way to touch an owner", async () => {
    const calls = renderMembers("admin", {
      "PATCH /api/v1/organisations/1/members/3/": {
        status: 200,
        body: { ...MEMBERS.results[2], role: "finance" },
      },
    });

    const select = await screen.findByLabelText("Role for Cat Coordinator");
    expect(within(select).queryByRole("option", { name: "Owner" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Role for Olive Owner")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Remove Olive Owner" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Remove Ada Admin" })).not.toBeInTheDocument();
    await userEvent.selectOptions(select, "finance");
    await userEvent.click(screen.getByRole("button", { name: "Change role for Cat Coordinator" }));

    expect(await screen.findByText("Cat Coordinator is now finance officer.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PATCH")?.body).toBe(JSON.stringify({ role: "finance" }));
  });

  it("asks before removing someone, and shows why the API refused", async () => {
    const calls = renderMembers("owner", {
      "DELETE /api/v1/organisations/1/members/1/": {
        status: 409,
        body: { message: "An organisation always needs an owner, so you cannot remove the last owner.", code: "last_owner", fields: {} },
      },
    });

    await userEvent.click(await screen.findByRole("button", { name: "Remove Olive Owner" }));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);
    await userEvent.click(screen.getByRole("button", { name: "Yes, remove Olive Owner" }));

    expect(await screen.findByText(/always needs an owner/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/api/v1/organisations/1/members/1/"]);
  });

  it("lists invitations waiting for an answer and withdraws one", async () => {
    const calls = renderMembers("admin", { "DELETE /api/v1/organisations/1/invitations/7/": { status: 204 } });

    const invitations = await screen.findByRole("table", { name: "Invitations waiting for an answer" });
    expect(invitations).toHaveTextContent("new@example.org");
    await userEvent.click(within(invitations).getByRole("button", { name: "Withdraw the invitation to new@example.org" }));

    expect(await screen.findByText("Invitation to new@example.org withdrawn.")).toBeInTheDocument();
    expect(calls.some((c) => c.method === "DELETE" && c.path === "/api/v1/organisations/1/invitations/7/")).toBe(true);
  });
});

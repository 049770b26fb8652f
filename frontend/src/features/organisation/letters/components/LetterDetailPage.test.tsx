import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { LetterDetailPage, letterProgress } from "./LetterDetailPage";

const NORTHFIELD = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role: "admin" };

const WAITING = {
  id: 5,
  reference: "CP-ABCDEFGHJKMN",
  kind: "payment_statement",
  kind_label: "Payment statement",
  status: "requested",
  status_label: "Requested",
  waiting_for_issue: true,
  organisation: { id: 1, name: "Northfield" },
  contributor: { id: 9, full_name: "Alex Example" },
  period_start: "2026-11-01",
  period_end: "2026-11-30",
  template_version: "2",
  sha256: "",
  issued_by: "",
  approved_at: null,
  issued_at: null,
  revoked_at: null,
  revoked_reason: "",
  supersedes: null,
  superseded_by: null,
  grouping: null,
  created_at: "2026-12-01T10:00:00Z",
};

type Call = { method: string; path: string; body: string };

afterEach(() => vi.unstubAllGlobals());

function renderLetter(answers: Record<string, { status: number; body: unknown }>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request | string) => {
      const request = typeof input === "string" ? new Request(new URL(input, window.location.origin)) : input;
      const path = new URL(request.url).pathname;
      calls.push({ method: request.method, path, body: request.method === "GET" ? "" : await request.text() });
      if (path === "/api/v1/auth/csrf/") return Response.json({ csrf_token: "token" });
      const answer = answers[`${request.method} ${path}`] ?? { status: 404, body: { message: "Not found.", code: "not_found", fields: {} } };
      return Response.json(answer.body, { status: answer.status });
    }),
  );
  const router = createMemoryRouter([{ path: "/organisations/:id/letters/:letterId", element: <LetterDetailPage membership={NORTHFIELD} letterId={5} /> }], {
    initialEntries: ["/organisations/1/letters/5"],
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return calls;
}

describe("a letter in the organisation's workspace", () => {
  it("lets an admin issue a letter a contributor asked for, then shows it being made", async () => {
    const calls = renderLetter({
      "GET /api/v1/letters/5/": { status: 200, body: WAITING },
      "POST /api/v1/letters/5/issue/": { status: 202, body: { ...WAITING, waiting_for_issue: false, approved_at: "2026-12-02T10:00:00Z" } },
    });

    expect(await screen.findByRole("heading", { name: /Payment statement for Alex Example/ })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Alex Example asked for this letter. Check it and issue it.");
    await userEvent.click(screen.getByRole("button", { name: "Issue the letter" }));

    expect(await screen.findByText("Letter issued. It is being made now.")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("The letter is being made.");
    expect(screen.queryByRole("button", { name: "Issue the letter" })).not.toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual(["/api/v1/letters/5/issue/"]);
  });

  it("withdraws an issued letter with the reason given, and shows the API's message when it refuses", async () => {
    const issued = { ...WAITING, status: "issued", waiting_for_issue: false, issued_at: "2026-12-02T10:00:00Z", issued_by: "Sam Signer" };
    const calls = renderLetter({
      "GET /api/v1/letters/5/": { status: 200, body: issued },
      "POST /api/v1/letters/5/revoke/": { status: 400, body: { message: "Say why.", code: "invalid", fields: { reason: ["Enter a reason."] } } },
    });

    await userEvent.type(await screen.findByLabelText("Why you are withdrawing it"), "Wrong dates");
    await userEvent.click(screen.getByRole("button", { name: "Withdraw the letter" }));

    expect(await screen.findByRole("link", { name: "Why you are withdrawing it: Enter a reason." })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Download the letter (PDF)" })).toHaveAttribute("href", "/api/v1/letters/5/pdf/");
    expect(calls.find((c) => c.path.endsWith("/revoke/"))?.body).toBe(JSON.stringify({ reason: "Wrong dates" }));
  });

  it("describes each state in words", () => {
    expect(letterProgress({ ...WAITING, status: "failed", waiting_for_issue: false } as never)).toMatch(/could not be made/);
    expect(letterProgress({ ...WAITING, superseded_by: "CP-NEW" } as never)).toMatch(/replaced by letter CP-NEW/);
  });
});

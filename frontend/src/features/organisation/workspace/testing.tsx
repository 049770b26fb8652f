import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { vi } from "vitest";

import type { Membership } from "./sections";

export const FINANCE: Membership = {
  organisation_id: 1,
  organisation_name: "Northfield",
  organisation_slug: "northfield",
  organisation_verified: true,
  role: "finance",
};

/** A pending fee, as the payments API answers it. */
export const PAYMENT = {
  id: 12, organisation: 1, organisation_name: "Northfield", contributor: 5, contributor_name: "Alex Smith",
  engagement: 3, opportunity: 4, opportunity_title: "Research advisory group", attendance: null, kind: "fee",
  description: "Advisory group: papers review", offered: "12.00", payable: "12.00", waived: "0.00", choice: "capped",
  choice_reason: "Paid in full.", donated_to: "", method: "bank_transfer", due_on: "2026-11-23", paid_on: null,
  planned_on: null, counts_on: "2026-11-23", hours: null, time_based: false, status: "pending", run: null,
  created_at: "2026-11-23T10:00:00Z", approved_at: null, cancelled_at: null, cancel_reason: "",
} as const;

export type Call = { method: string; path: string; search: string; body: unknown };

/** Answers each API call from `answer(method, path)` and records what was sent. */
export function stubApi(answer: (method: string, path: string, search: URLSearchParams) => unknown) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      const text = input.method === "GET" ? "" : await input.text();
      calls.push({ method: input.method, path: url.pathname, search: url.search, body: text ? JSON.parse(text) : null });
      if (url.pathname === "/api/v1/auth/csrf/") {
        return new Response(JSON.stringify({ csrf_token: "t" }), { status: 200, headers: { "Content-Type": "application/json" } });
      }
      const body = answer(input.method, url.pathname, url.searchParams);
      if (body instanceof Response) return body;
      if (body === undefined) return new Response(null, { status: 204 });
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

export const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

/** A page at `path` (matching `pattern`) with a fresh query cache. */
export function renderAt(element: ReactElement, pattern: string, path: string) {
  const router = createMemoryRouter(
    [
      { path: pattern, element },
      { path: "*", element: <p>Somewhere else</p> },
    ],
    { initialEntries: [path] },
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

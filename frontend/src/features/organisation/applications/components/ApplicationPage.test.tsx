import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ApplicationPage } from "./ApplicationPage";

const NORTHFIELD = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role: "coordinator" } as const;
const VIEWER = { ...NORTHFIELD, role: "viewer" } as const;

function review(nextFee: unknown) {
  return {
    id: 5, opportunity: { id: 9, title: "Reading panel", status: "published", organisation_id: 1, organisation_name: "Northfield" },
    contributor: { id: 2, full_name: "Avery Stone", email: "avery@example.org" }, statement: "I read a lot.", adjustments_requested: "Papers in advance.",
    status: "submitted", engagement_id: null, decided_at: null, decision_message: "", created_at: "2026-12-01T10:00:00Z", updated_at: "2026-12-01T10:00:00Z",
    next_fee: nextFee, suggested_decline_message: "Thank you for applying for Reading panel.",
  };
}

afterEach(() => vi.unstubAllGlobals());

function serve(body: unknown) {
  const posts: { path: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      if (input.method === "POST") {
        const text = await input.text();
        posts.push({ path, body: text ? JSON.parse(text) : undefined });
        return new Response(JSON.stringify({ ...review(null), status: "declined", decision_message: "x" }), { status: 200, headers: { "Content-Type": "application/json" } });
      }
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  return posts;
}

function show(membership: typeof NORTHFIELD | typeof VIEWER) {
  const router = createMemoryRouter([{ path: "*", element: <ApplicationPage membership={membership} applicationId={5} /> }], {
    initialEntries: ["/organisations/1/applications/5"],
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe("reviewing an application", () => {
  it("warns before accepting when the next fee would not fit, naming no limit", async () => {
    serve(review({ date: "2026-12-10", amount: "50.00", fits: "none", fits_amount: null, text: "Your next booked fee for Avery Stone (£50.00 on Thursday 10 December 2026) does not fit within a limit that matters to them." }));
    show(NORTHFIELD);

    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("Application from Avery Stone");
    expect(screen.getByText(/does not fit within a limit that matters to them\. Talk to Avery Stone/)).toBeInTheDocument();
    expect(screen.getByText("Papers in advance.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Accept Avery Stone" })).toBeInTheDocument();
  });

  it("shows no warning when it fits, and declines with the coordinator's own words", async () => {
    const posts = serve(review({ date: "2026-12-10", amount: "50.00", fits: "fits", fits_amount: null, text: "It fits." }));
    show(NORTHFIELD);
    const user = userEvent.setup();

    const message = await screen.findByLabelText("Your message to them");
    expect(screen.queryByText(/Talk to Avery Stone/)).not.toBeInTheDocument();
    expect(message).toHaveValue("Thank you for applying for Reading panel.");
    await user.clear(message);
    await user.type(message, "Thank you, Avery. See you at the next one.");
    await user.click(screen.getByRole("button", { name: "Decline with this message" }));

    expect(posts).toEqual([{ path: "/api/v1/applications/5/decline/", body: { message: "Thank you, Avery. See you at the next one." } }]);
    expect(await screen.findByText("Avery Stone's application is declined. They can read your message.")).toBeInTheDocument();
  });

  it("shows a viewer the application without the decision buttons", async () => {
    serve(review(null));
    show(VIEWER);

    expect(await screen.findByText("I read a lot.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Accept/ })).not.toBeInTheDocument();
  });
});

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { LetterheadPage } from "./LetterheadPage";

const ORGANISATION = {
  id: 1,
  slug: "northfield",
  name: "Northfield",
  kind: "charity",
  description: "",
  charity_number: "",
  address_line_1: "",
  address_line_2: "",
  town: "",
  postcode: "",
  contact_email: "",
  contact_phone: "",
  website: "",
  letterhead_text: "Working together",
  letterhead_colour: "#1d4f91",
  signatory_name: "Sam Signer",
  signatory_title: "Involvement lead",
  is_verified: true,
  verified_at: null,
  my_role: "admin",
};

type Call = { method: string; path: string; body: string };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function renderLetterhead(preview: Response) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request | string) => {
      const request = typeof input === "string" ? new Request(new URL(input, window.location.origin)) : input;
      const path = new URL(request.url).pathname;
      calls.push({ method: request.method, path, body: request.method === "GET" ? "" : await request.text() });
      if (path === "/api/v1/auth/csrf/") return Response.json({ csrf_token: "token" });
      if (path === "/api/v1/organisations/1/letter-preview/") return preview;
      return Response.json(ORGANISATION);
    }),
  );
  const membership = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role: "admin" };
  const router = createMemoryRouter([{ path: "/organisations/:id/settings/letterhead", element: <LetterheadPage membership={membership} /> }], {
    initialEntries: ["/organisations/1/settings/letterhead"],
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return calls;
}

describe("the letterhead page", () => {
  it("previews a letter with what is typed, without saving it", async () => {
    URL.createObjectURL = vi.fn(() => "blob:preview");
    URL.revokeObjectURL = vi.fn();
    const calls = renderLetterhead(new Response(new Blob(["%PDF-1.7"], { type: "application/pdf" }), { status: 200, headers: { "Content-Type": "application/pdf" } }));

    const signatory = await screen.findByLabelText("Name of the person who signs letters");
    await userEvent.clear(signatory);
    await userEvent.type(signatory, "Robin Draft");
    await userEvent.click(screen.getByRole("button", { name: "Preview a letter" }));

    expect(await screen.findByRole("link", { name: "Open the preview (PDF)" })).toHaveAttribute("href", "blob:preview");
    const sent = calls.find((c) => c.path.endsWith("/letter-preview/"));
    expect(JSON.parse(sent?.body ?? "{}")).toEqual({
      letterhead_text: "Working together",
      letterhead_colour: "#1d4f91",
      signatory_name: "Robin Draft",
      signatory_title: "Involvement lead",
    });
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
  });

  it("shows the API's reason when the preview is refused, linked to the field", async () => {
    renderLetterhead(
      Response.json(
        { message: "Too light.", code: "invalid", fields: { letterhead_colour: ["Choose a darker colour."] } },
        { status: 400 },
      ),
    );

    await userEvent.click(await screen.findByRole("button", { name: "Preview a letter" }));

    expect(await screen.findByRole("link", { name: "Letterhead colour: Choose a darker colour." })).toHaveAttribute("href", "#letterhead_colour");
  });
});

import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, Outlet, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";

import type { Me } from "@/features/auth/api/session";

import { OrganisationLayout, useOrganisation } from "./OrganisationLayout";
import type { Membership } from "@/features/organisation/workspace/sections";

const NORTHFIELD: Membership = {
  organisation_id: 1,
  organisation_name: "Northfield",
  organisation_slug: "northfield",
  organisation_verified: true,
  role: "coordinator",
};
const SOUTHDOWN: Membership = { ...NORTHFIELD, organisation_id: 2, organisation_name: "Southdown", organisation_slug: "southdown", role: "finance" };

function Page() {
  const { membership } = useOrganisation();
  return <h1>Page for {membership.organisation_name}</h1>;
}

function renderLayout(memberships: Membership[], path: string) {
  const me = { account_type: "organisation", memberships } as unknown as Me;
  const router = createMemoryRouter(
    [
      {
        element: <Outlet context={me} />,
        children: [
          {
            path: "/organisations/:organisationId",
            element: <OrganisationLayout />,
            children: [
              { index: true, element: <Page /> },
              { path: "*", element: <Page /> },
            ],
          },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

describe("the organisation workspace", () => {
  it("shows a coordinator the areas they work in, and not finance's or an admin's", () => {
    renderLayout([NORTHFIELD], "/organisations/1/");
    const menu = screen.getByRole("navigation", { name: "Northfield" });
    const links = within(menu).getAllByRole("link").map((link) => link.textContent);
    expect(links).toEqual(["Overview", "Roles", "Applications", "People and attendance", "Settings"]);
    expect(within(menu).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByText("You are an involvement coordinator here.")).toBeInTheDocument();
    expect(screen.queryByLabelText("Organisation")).not.toBeInTheDocument();
  });

  it("lets someone in two organisations switch between them, with the right areas for each role", async () => {
    const router = renderLayout([NORTHFIELD, SOUTHDOWN], "/organisations/1/");
    await userEvent.selectOptions(screen.getByLabelText("Organisation"), "Southdown");
    expect(router.state.location.pathname).toBe("/organisations/2/");
    expect(await screen.findByRole("heading", { name: "Page for Southdown" })).toBeInTheDocument();
    const menu = screen.getByRole("navigation", { name: "Southdown" });
    expect(within(menu).getByRole("link", { name: "Payment runs" })).toHaveAttribute("href", "/organisations/2/payment-runs");
    expect(within(menu).queryByRole("link", { name: "Roles" })).not.toBeInTheDocument();
  });

  it("answers not found for an organisation the person is not a member of", () => {
    renderLayout([NORTHFIELD], "/organisations/9/payments");
    expect(screen.queryByRole("heading", { name: /Page for/ })).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(/not found/i);
  });
});

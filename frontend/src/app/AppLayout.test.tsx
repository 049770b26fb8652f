import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PageLayout } from "@/components/PageLayout";

import { portalNavigation, staffNavigation } from "./AppLayout";

function renderLayout(unread: number | undefined) {
  const router = createMemoryRouter(
    [{ path: "*", element: <PageLayout navigation={portalNavigation(unread)}>page</PageLayout> }],
    { initialEntries: ["/me/earnings"] },
  );
  render(<RouterProvider router={router} />);
}

function screenIsNarrow(narrow: boolean) {
  vi.stubGlobal(
    "matchMedia",
    vi.fn(() => ({ matches: !narrow, addEventListener: vi.fn(), removeEventListener: vi.fn() })),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("the portal menu", () => {
  it("links every portal page and marks the one showing", () => {
    screenIsNarrow(false);
    renderLayout(undefined);
    const menu = screen.getByRole("navigation", { name: "Menu" });
    const names = within(menu).getAllByRole("link").map((link) => link.textContent);
    expect(names).toEqual(["Dashboard", "Earnings", "Roles", "Expenses", "Letters", "Notifications", "Account", "Sign out"]);
    expect(within(menu).getByRole("link", { name: "Earnings" })).toHaveAttribute("aria-current", "page");
    expect(screen.queryByRole("button", { name: "Menu" })).not.toBeInTheDocument();
  });

  it("shows how many notifications are not read, in words for screen readers", () => {
    screenIsNarrow(false);
    renderLayout(3);
    expect(screen.getByRole("link", { name: "Notifications (3 not read)" })).toHaveAttribute("href", "/me/notifications");
  });

  it("folds behind a Menu button on a small screen", async () => {
    screenIsNarrow(true);
    renderLayout(0);
    const toggle = screen.getByRole("button", { name: "Menu" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("link", { name: "Letters" })).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("link", { name: "Letters" })).toBeVisible();
  });
});

describe("an organisation member's menu", () => {
  it("links their notifications, with how many are not read", () => {
    screenIsNarrow(false);
    const me = { account_type: "organisation", memberships: [{ organisation_id: 7 }] } as Parameters<typeof staffNavigation>[0];
    const router = createMemoryRouter(
      [{ path: "*", element: <PageLayout navigation={staffNavigation(me, 2)}>page</PageLayout> }],
      { initialEntries: ["/organisations/7/"] },
    );
    render(<RouterProvider router={router} />);
    const menu = screen.getByRole("navigation", { name: "Menu" });
    expect(within(menu).getAllByRole("link")).toHaveLength(4);
    for (const name of ["Overview", "Change password", "Sign out"]) expect(within(menu).getByRole("link", { name })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Notifications (2 not read)" })).toHaveAttribute("href", "/me/notifications");
  });
});

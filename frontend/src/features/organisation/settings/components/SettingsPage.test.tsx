import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";

import type { Membership } from "../../workspace/sections";
import { SettingsPage } from "./SettingsPage";

const member = (role: Membership["role"]): Membership => ({
  organisation_id: 4,
  organisation_name: "Northfield",
  organisation_slug: "northfield",
  organisation_verified: true,
  role,
});

function links(role: Membership["role"]): string[] {
  render(
    <MemoryRouter>
      <SettingsPage membership={member(role)} />
    </MemoryRouter>,
  );
  return screen.getAllByRole("link").map((link) => link.textContent ?? "");
}

describe("the settings hub", () => {
  it("gives an admin every settings page", () => {
    expect(links("admin")).toEqual(["Organisation details", "Letterhead and signatory", "Rate card", "Mileage and budgets", "Finance exports"]);
  });

  it("gives a finance officer the money settings only", () => {
    expect(links("finance")).toEqual(["Mileage and budgets", "Finance exports"]);
    expect(screen.getByRole("link", { name: "Finance exports" })).toHaveAttribute("href", "/organisations/4/settings/exports");
  });

  it("gives a coordinator the rate card only", () => {
    expect(links("coordinator")).toEqual(["Rate card"]);
  });
});

import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { taxYearOf } from "../api/settings";
import { FINANCE, renderAt, stubApi } from "../../workspace/testing";
import { FinanceSettingsPage } from "./FinanceSettingsPage";

const SETTINGS = {
  mileage_rate: "0.45",
  mileage_rates: [{ tax_year: 2026, tax_year_label: "2026 to 2027", rate: "0.50" }],
  monthly_budget: "500.00",
  tax_year_budget: null,
  receipts_required: true,
};

afterEach(() => vi.unstubAllGlobals());

describe("finance settings", () => {
  it("lists the mileage rates by tax year and sets a year's rate", async () => {
    const calls = stubApi((method) => (method === "PUT" ? { tax_year: 2025, tax_year_label: "2025 to 2026", rate: "0.40" } : SETTINGS));
    const user = userEvent.setup();
    renderAt(<FinanceSettingsPage membership={FINANCE} />, "/organisations/1/settings/finance", "/organisations/1/settings/finance");

    const rates = await screen.findByRole("table", { name: "Rates set" });
    expect(within(rates).getByText("6 April 2026 to 5 April 2027")).toBeInTheDocument();
    expect(within(rates).getByText("£0.50")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Tax year"), "2025");
    await user.type(screen.getByLabelText("Rate a mile, in pounds"), "0.40");
    await user.click(screen.getByRole("button", { name: "Save rate" }));

    expect(await screen.findByText("Mileage for 6 April 2025 to 5 April 2026 is now paid at £0.40 a mile.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PUT")).toMatchObject({ path: "/api/v1/organisations/1/finance-settings/mileage-rates/2025/", body: { rate: "0.40" } });
  });

  it("shows a viewer the settings without forms", async () => {
    stubApi(() => SETTINGS);
    renderAt(<FinanceSettingsPage membership={{ ...FINANCE, role: "viewer" }} />, "/organisations/1/settings/finance", "/organisations/1/settings/finance");

    expect(await screen.findByText("£500.00")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save rate" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
  });

  it("knows the tax year starts on 6 April", () => {
    expect(taxYearOf("2027-04-05")).toBe(2026);
    expect(taxYearOf("2027-04-06")).toBe(2027);
  });
});

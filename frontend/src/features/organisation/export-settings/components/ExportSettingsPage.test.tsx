import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ExportSettingsPage } from "./ExportSettingsPage";

const SETTINGS = {
  fee_nominal_code: "5010",
  travel_nominal_code: "",
  mileage_nominal_code: "",
  care_nominal_code: "",
  meals_nominal_code: "",
  internet_phone_nominal_code: "",
  other_nominal_code: "",
  cost_centre: "",
  tax_code: "No VAT",
  bank_reference: "",
};
const FINANCE = { organisation_id: 1, organisation_name: "Northfield", organisation_slug: "northfield", organisation_verified: true, role: "finance" as const };

afterEach(() => vi.unstubAllGlobals());

function renderPage(membership = FINANCE) {
  const sent: { method: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      if (path === "/api/v1/auth/csrf/") return new Response(JSON.stringify({ csrf_token: "t" }), { status: 200, headers: { "Content-Type": "application/json" } });
      const body = input.method === "PUT" ? JSON.parse(await input.text()) : null;
      sent.push({ method: input.method, body });
      return new Response(JSON.stringify(body ? { ...SETTINGS, ...body } : SETTINGS), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ExportSettingsPage membership={membership} />
    </QueryClientProvider>,
  );
  return sent;
}

describe("the export codes page", () => {
  it("shows the organisation's codes and saves every field", async () => {
    const sent = renderPage();
    const user = userEvent.setup();

    expect(await screen.findByLabelText("Fees")).toHaveValue("5010");
    await user.type(screen.getByLabelText("Mileage"), "5020");
    await user.type(screen.getByLabelText("Cost centre (optional)"), "INV");
    await user.click(screen.getByRole("button", { name: "Save export codes" }));

    expect(await screen.findByText("The export codes have been saved.")).toBeInTheDocument();
    expect(sent.at(-1)).toEqual({ method: "PUT", body: { ...SETTINGS, mileage_nominal_code: "5020", cost_centre: "INV" } });
  });

  it("does not ask the API for codes a coordinator may not see", () => {
    const sent = renderPage({ ...FINANCE, role: "coordinator" as "finance" });

    expect(screen.getByText(/Only a finance officer, admin or owner of Northfield/)).toBeInTheDocument();
    expect(sent).toEqual([]);
  });
});

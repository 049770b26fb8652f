import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { FINANCE, page, renderAt, stubApi } from "../../workspace/testing";
import { NewPaymentRunPage } from "./NewPaymentRunPage";

const FITS = { payment_id: 7, contributor_reference: "C-7", contributor_name: "Sam Jones", description: "Reading group", payable: "30.00", fits: true, fits_from: "2026-12-10", message: "", status: "ok" };
const HELD = {
  payment_id: 8, contributor_reference: "C-8", contributor_name: "Alex Smith", description: "Papers review", payable: "12.00", fits: false,
  fits_from: "2026-12-14", message: "Paying this on 10 December would take this person past their cap for that period. It fits from 14 December.", status: null,
};

afterEach(() => vi.unstubAllGlobals());

describe("starting a payment run", () => {
  it("previews the pay date, holds what does not fit with the day it fits from, and builds the run from the rest", async () => {
    const calls = stubApi((method, path) => {
      if (path === "/api/v1/organisations/1/payment-runs/preview/") return page([FITS, HELD]);
      if (method === "POST" && path === "/api/v1/organisations/1/payment-runs/") return { id: 3, reference: "RUN-3", status: "open", payment_count: 1, total: "30.00" };
      return {};
    });
    const user = userEvent.setup();
    const router = renderAt(<NewPaymentRunPage membership={FINANCE} />, "/organisations/1/payment-runs/new", "/organisations/1/payment-runs/new?pay_on=2026-12-10");

    const held = await screen.findByRole("table", { name: "Held back (1)" });
    expect(within(held).getByText("Alex Smith")).toBeInTheDocument();
    expect(within(held).getByText("14 December 2026")).toBeInTheDocument();
    expect(held).toHaveTextContent("past their cap");
    expect(screen.getByRole("table", { name: "In this run (1)" })).toHaveTextContent("Sam Jones");
    expect(new URLSearchParams(calls.find((c) => c.path.endsWith("/preview/"))?.search).get("paid_on")).toBe("2026-12-10");

    await user.click(screen.getByRole("button", { name: "Build the run" }));

    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/organisations/1/payment-runs/3"));
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ payments: [7], pay_on: "2026-12-10" });
  });

  it("asks for a date when the one given is not a date", async () => {
    const calls = stubApi(() => ({}));
    renderAt(<NewPaymentRunPage membership={FINANCE} />, "/organisations/1/payment-runs/new", "/organisations/1/payment-runs/new?pay_on=soon");

    expect(await screen.findByRole("link", { name: "Enter the date you will pay this run" })).toHaveAttribute("href", "#pay_on");
    expect(calls.some((c) => c.path.endsWith("/preview/"))).toBe(false);
  });
});

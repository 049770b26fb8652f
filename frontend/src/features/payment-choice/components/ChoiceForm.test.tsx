import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { ApiError } from "@/lib/api";

import type { Payment } from "../api/paymentChoice";
import { ChoiceForm } from "./ChoiceForm";

const fee = { offered: "50.00", due_on: "2026-12-03", organisation_name: "Northfield" } as Payment;

function renderForm(save = vi.fn().mockResolvedValue({}), onSaved = vi.fn()) {
  render(<ChoiceForm idPrefix="default-" legend="How do you want to be paid?" current={null} nextFee={fee} save={save} saving={false} onSaved={onSaved} />);
  return { save, onSaved };
}

describe("ChoiceForm", () => {
  it("shows the answer and its worked example to check before anything is saved", async () => {
    const user = userEvent.setup();
    const { save, onSaved } = renderForm();

    await user.click(screen.getByLabelText("Pay me up to a limit in each period"));
    await user.type(screen.getByLabelText(/the most you want to be paid in a period/), "20");
    await user.click(screen.getByLabelText("Each benefit week"));
    await user.click(screen.getByRole("button", { name: "Continue" }));

    expect(save).not.toHaveBeenCalled();
    expect(screen.getByText("Up to £20.00 each benefit week")).toBeInTheDocument();
    expect(screen.getByText(/With a £20.00 weekly cap, your £50.00 fee on 3 December would pay £20.00/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Save this choice" }));
    expect(save).toHaveBeenCalledWith({ choice: "capped", cap_amount: "20", cap_period: "benefit_week" });
    expect(onSaved).toHaveBeenCalledWith("Up to £20.00 each benefit week");
  });

  it("puts the API's field errors next to the field and in the summary", async () => {
    const user = userEvent.setup();
    const error = new ApiError({ message: "Some of the information is not right.", code: "invalid", fields: { cap_amount: ["Enter the most you want to be paid."] } }, 400);
    renderForm(vi.fn().mockRejectedValue(error));

    await user.click(screen.getByLabelText("Pay me up to a limit in each period"));
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(screen.getByRole("button", { name: "Save this choice" }));

    expect(await screen.findByRole("link", { name: /Most you want to be paid in a period: Enter the most/ })).toHaveAttribute("href", "#default-cap_amount");
    expect(screen.getByLabelText(/the most you want to be paid in a period/)).toHaveAttribute("aria-invalid", "true");
  });
});

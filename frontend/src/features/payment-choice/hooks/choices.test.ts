import { describe, expect, it } from "vitest";

import type { Payment } from "../api/paymentChoice";
import { choiceRequest, choiceSummary, workedExample } from "./choices";

const fee = { offered: "50.00", due_on: "2026-12-03", organisation_name: "Northfield" } as Payment;

describe("payment choices", () => {
  it("works the example through the contributor's own next fee", () => {
    expect(workedExample({ choice: "capped", cap_amount: "20", cap_period: "benefit_week" }, fee)).toBe(
      "With a £20.00 weekly cap, your £50.00 fee on 3 December would pay £20.00, or less if other fees already count in that period.",
    );
    expect(workedExample({ choice: "reduced", reduced_amount: "8" }, fee)).toBe("With £8.00 for each fee, your £50.00 fee on 3 December would pay £8.00.");
    expect(workedExample({ choice: "donate", charity_name: "Mind" }, fee)).toBe("Your £50.00 fee on 3 December would go to Mind.");
    expect(workedExample({ choice: "full" }, undefined)).toBeNull();
  });

  it("sends only the fields the choice uses", () => {
    expect(choiceRequest({ choice: "capped", cap_amount: "20", cap_period: "benefit_week", reduced_amount: "5", charity_name: "Mind" })).toEqual({
      choice: "capped",
      cap_amount: "20",
      cap_period: "benefit_week",
    });
    expect(choiceRequest({ choice: "full", cap_amount: "20" })).toEqual({ choice: "full" });
  });

  it("sums a choice up in one line", () => {
    expect(choiceSummary({ choice: "capped", cap_amount: "20.00", cap_period: "benefit_week" })).toBe("Up to £20.00 each benefit week");
  });
});

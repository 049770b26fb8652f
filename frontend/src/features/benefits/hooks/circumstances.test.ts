import { describe, expect, it } from "vitest";

import { circumstancesInput } from "./circumstances";

describe("circumstancesInput", () => {
  it("sends the whole object, with unticked questions as no", () => {
    const body = circumstancesInput({ receives_esa: "yes", esa_permitted_work_limit: "lower", benefit_week_start: "2", uc_assessment_start_day: "" });
    expect(body).toEqual({
      receives_esa: true,
      esa_permitted_work_limit: "lower",
      receives_uc: false,
      uc_housing_element: false,
      uc_work_allowance: false,
      receives_carers_allowance: false,
      receives_carer_support_payment_scotland: false,
      receives_pension_credit: false,
      pension_credit_category: "",
      receives_housing_benefit: false,
      housing_benefit_category: "",
      receives_legacy_income_support_jsa: false,
      receives_pip_dla_adp: false,
      benefit_week_start: 2,
      uc_assessment_start_day: null,
      track_tax_year: false,
    });
  });
});

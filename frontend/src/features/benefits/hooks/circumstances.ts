import type { CircumstancesInput } from "../api/benefits";

/** Each yes-or-no question: what it asks and what we use the answer for. */
export const BENEFIT_QUESTIONS: { name: keyof CircumstancesInput; label: string; purpose: string }[] = [
  { name: "receives_esa", label: "Employment and Support Allowance (ESA)", purpose: "ESA has a weekly limit on earnings from permitted work." },
  { name: "receives_uc", label: "Universal Credit", purpose: "Universal Credit goes down as you earn, counted in each assessment period." },
  { name: "uc_work_allowance", label: "My Universal Credit has a work allowance", purpose: "You get one if you have children or limited capability for work. It is an amount you can earn before Universal Credit goes down." },
  { name: "uc_housing_element", label: "My Universal Credit includes help with housing costs", purpose: "This changes the size of the work allowance." },
  { name: "receives_carers_allowance", label: "Carer's Allowance", purpose: "Carer's Allowance stops in any week your earnings go over its weekly limit." },
  { name: "receives_carer_support_payment_scotland", label: "Carer Support Payment (Scotland)", purpose: "It has the same weekly earnings limit as Carer's Allowance." },
  { name: "receives_pension_credit", label: "Pension Credit", purpose: "Earnings over a small weekly amount reduce Pension Credit." },
  { name: "receives_housing_benefit", label: "Housing Benefit", purpose: "Earnings over a small weekly amount reduce Housing Benefit." },
  { name: "receives_legacy_income_support_jsa", label: "Income Support or income-based Jobseeker's Allowance", purpose: "These have a small weekly earnings limit." },
  { name: "receives_pip_dla_adp", label: "PIP, DLA, Attendance Allowance or Adult Disability Payment", purpose: "These have no earnings limit. We ask so that we can tell you that." },
  { name: "track_tax_year", label: "Show my earnings against the tax year", purpose: "Shows the £1,000 trading allowance and your Personal Allowance for income tax." },
];

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The form's answers as the whole object the API takes on PUT. */
export function circumstancesInput(values: Record<string, string>): CircumstancesInput {
  const yes = (name: string) => values[name] === "yes";
  const day = values.uc_assessment_start_day?.trim() ?? "";
  return {
    receives_esa: yes("receives_esa"),
    esa_permitted_work_limit: (values.esa_permitted_work_limit ?? "") as CircumstancesInput["esa_permitted_work_limit"],
    receives_uc: yes("receives_uc"),
    uc_housing_element: yes("uc_housing_element"),
    uc_work_allowance: yes("uc_work_allowance"),
    receives_carers_allowance: yes("receives_carers_allowance"),
    receives_carer_support_payment_scotland: yes("receives_carer_support_payment_scotland"),
    receives_pension_credit: yes("receives_pension_credit"),
    pension_credit_category: (values.pension_credit_category ?? "") as CircumstancesInput["pension_credit_category"],
    receives_housing_benefit: yes("receives_housing_benefit"),
    housing_benefit_category: (values.housing_benefit_category ?? "") as CircumstancesInput["housing_benefit_category"],
    receives_legacy_income_support_jsa: yes("receives_legacy_income_support_jsa"),
    receives_pip_dla_adp: yes("receives_pip_dla_adp"),
    benefit_week_start: Number(values.benefit_week_start ?? 0),
    uc_assessment_start_day: day === "" ? null : Number(day),
    track_tax_year: yes("track_tax_year"),
  };
}

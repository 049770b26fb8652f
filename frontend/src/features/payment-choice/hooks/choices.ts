import { money, shortDate } from "@/lib/format";

import type { ChoiceRequest, Payment } from "../api/paymentChoice";

export type ChoiceValue = ChoiceRequest["choice"];

export const CHOICES: { value: ChoiceValue; label: string; explanation: string }[] = [
  { value: "full", label: "Pay me the full fee", explanation: "You are paid every fee in full." },
  {
    value: "reduced",
    label: "Pay me a smaller amount for each fee",
    explanation: "Each fee is cut to the amount you choose. You do not get the rest.",
  },
  {
    value: "capped",
    label: "Pay me up to a limit in each period",
    explanation:
      "You choose the most you want to be paid in a week, month, assessment period or tax year, from all organisations together. Anything over it is not paid to you.",
  },
  {
    value: "expenses_only",
    label: "Pay back my expenses only",
    explanation: "You are not paid fees. Your travel and other costs are still paid back. Expenses are not earnings.",
  },
  { value: "donate", label: "Give my fees to a charity", explanation: "Your fees go to a charity you name. You are not paid them." },
];

export const CAP_PERIODS: { value: string; label: string; adjective: string }[] = [
  { value: "benefit_week", label: "Each benefit week", adjective: "weekly" },
  { value: "calendar_month", label: "Each calendar month", adjective: "monthly" },
  { value: "uc_assessment_period", label: "Each Universal Credit assessment period", adjective: "assessment-period" },
  { value: "tax_year", label: "Each tax year", adjective: "yearly" },
];

export type ChoiceFields = {
  choice: ChoiceValue;
  reduced_amount?: string | null;
  cap_amount?: string | null;
  cap_period?: string;
  charity_name?: string;
};

export function choiceLabel(choice: string): string {
  return CHOICES.find((c) => c.value === choice)?.label ?? choice;
}

/** The choice in one short sentence ("Up to £20.00 each benefit week"). */
export function choiceSummary(fields: ChoiceFields): string {
  switch (fields.choice) {
    case "reduced":
      return `${money(fields.reduced_amount ?? 0)} for each fee`;
    case "capped": {
      const period = CAP_PERIODS.find((p) => p.value === fields.cap_period)?.label.toLowerCase() ?? "each period";
      return `Up to ${money(fields.cap_amount ?? 0)} ${period}`;
    }
    case "donate":
      return fields.charity_name ? `Give my fees to ${fields.charity_name}` : "Give my fees to a charity";
    default:
      return choiceLabel(fields.choice);
  }
}

/** What the choice would do to the contributor's own next booked fee, in plain words. */
export function workedExample(fields: ChoiceFields, fee: Payment | undefined): string | null {
  if (!fee) return null;
  const offered = Number(fee.offered);
  const yourFee = `your ${money(offered)} fee on ${shortDate(fee.due_on)}`;
  switch (fields.choice) {
    case "full":
      return `For example, ${yourFee} from ${fee.organisation_name} would pay ${money(offered)}.`;
    case "reduced": {
      const amount = Math.min(offered, Number(fields.reduced_amount ?? 0));
      return `With ${money(fields.reduced_amount ?? 0)} for each fee, ${yourFee} would pay ${money(amount)}.`;
    }
    case "capped": {
      const cap = Number(fields.cap_amount ?? 0);
      const adjective = CAP_PERIODS.find((p) => p.value === fields.cap_period)?.adjective ?? "";
      return `With a ${money(cap)} ${adjective} cap, ${yourFee} would pay ${money(Math.min(offered, cap))}, or less if other fees already count in that period.`;
    }
    case "expenses_only":
      return `${yourFee.charAt(0).toUpperCase()}${yourFee.slice(1)} would not be paid to you. Any expenses for it would still be paid back.`;
    case "donate":
      return `${yourFee.charAt(0).toUpperCase()}${yourFee.slice(1)} would go to ${fields.charity_name || "the charity you name"}.`;
    default:
      return null;
  }
}

/** The form's answers as the API takes them: only the fields the choice uses. */
export function choiceRequest(values: Record<string, string>): ChoiceRequest {
  const choice = (values.choice ?? "") as ChoiceValue;
  const body: ChoiceRequest = { choice };
  if (choice === "reduced") body.reduced_amount = values.reduced_amount ?? "";
  if (choice === "capped") {
    body.cap_amount = values.cap_amount ?? "";
    body.cap_period = (values.cap_period ?? "") as ChoiceRequest["cap_period"];
  }
  if (choice === "donate") body.charity_name = values.charity_name ?? "";
  return body;
}

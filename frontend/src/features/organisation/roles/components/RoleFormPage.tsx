import { useQuery } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { Link, useNavigate } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Radios } from "@/components/Radios";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { money } from "@/lib/format";

import { workspacePath, type Membership } from "../../workspace/sections";
import {
  payRatesQuery,
  useChangeRole,
  useCreateRole,
  type OrgRole,
  type PayRate,
  type RoleCreateInput,
} from "../api/roles";
import { Checkboxes } from "@/components/Checkboxes";
import { Select } from "@/components/Select";
import { Textarea } from "@/components/Textarea";

export const INVOLVEMENT_TYPES = [
  { value: "advisory_group", label: "Advisory group" },
  { value: "interview_panel", label: "Interview panel" },
  { value: "co_research", label: "Co-research" },
  { value: "co_design_workshop", label: "Co-design workshop" },
  { value: "training_delivery", label: "Training delivery" },
  { value: "consultation", label: "Consultation" },
  { value: "lived_experience_review", label: "Lived-experience review" },
  { value: "other", label: "Other" },
] as const;

const PAY_UNITS = [
  { value: "hour", label: "Per hour" },
  { value: "half_day", label: "Per half day (up to 4 hours)" },
  { value: "day", label: "Per day (up to 8 hours)" },
  { value: "session", label: "Per session" },
  { value: "fixed", label: "Fixed fee for the whole role" },
] as const;

const EXPENSES = [
  { value: "travel", label: "Travel" },
  { value: "care", label: "Care and childcare" },
  { value: "meals", label: "Meals" },
  { value: "internet_phone", label: "Internet and phone" },
  { value: "other", label: "Other" },
];

const LABELS: Record<string, string> = {
  title: "Title",
  summary: "Summary",
  description: "What the role involves",
  involvement_type: "Kind of involvement",
  location: "Place",
  accessibility: "Accessibility and adjustments",
  places: "Places",
  closing_date: "Closing date",
  pay: "Pay offer",
  pay_rate: "Amount",
  pay_unit: "What the amount is for",
  expenses_covered: "Expenses covered",
  expenses_notes: "Expenses policy",
};
const FIELDS = Object.keys(LABELS);

type PayUnit = (typeof PAY_UNITS)[number]["value"];
type Involvement = (typeof INVOLVEMENT_TYPES)[number]["value"];
type Expense = RoleCreateInput["expenses_covered"] extends (infer E)[] | undefined ? E : never;

function rateLabel(rate: PayRate): string {
  const unit = PAY_UNITS.find((u) => u.value === rate.unit)?.label.toLowerCase() ?? rate.unit;
  return `${rate.name}: ${money(rate.amount)} ${unit}`;
}

/** Which pay choice a role already has: a rate card entry with the same offer, unpaid, or other. */
function currentPay(role: OrgRole | undefined, rates: PayRate[]): string {
  if (!role) return rates.find((r) => r.is_default) ? `rate-${rates.find((r) => r.is_default)?.id}` : "";
  if (role.pay_rate === null) return "unpaid";
  const match = rates.find((r) => r.amount === role.pay_rate && r.unit === role.pay_unit);
  return match ? `rate-${match.id}` : "other";
}

/** The pay offer the form's answers give, or an error for the pay question. */
function payOffer(values: Record<string, string>, rates: PayRate[]): { pay_rate: string | null; pay_unit: PayUnit | "" } {
  const choice = values.pay ?? "";
  if (choice === "unpaid") return { pay_rate: null, pay_unit: "" };
  if (choice.startsWith("rate-")) {
    const rate = rates.find((r) => `rate-${r.id}` === choice);
    if (rate) return { pay_rate: rate.amount, pay_unit: rate.unit };
  }
  return { pay_rate: (values.pay_rate ?? "").replace(/^£/, "").trim(), pay_unit: (values.pay_unit ?? "") as PayUnit };
}

function answers(values: Record<string, string>, form: HTMLFormElement | null, rates: PayRate[]) {
  const expenses = form ? new FormData(form).getAll("expenses_covered").map(String) : [];
  return {
    title: values.title ?? "",
    summary: values.summary ?? "",
    description: values.description ?? "",
    involvement_type: (values.involvement_type ?? "other") as Involvement,
    location: values.location ?? "",
    is_remote: values.is_remote === "yes",
    accessibility: values.accessibility ?? "",
    places: Number(values.places || 0),
    closing_date: values.closing_date ?? "",
    expenses_covered: expenses as Expense[],
    expenses_notes: values.expenses_notes ?? "",
    ...payOffer(values, rates),
  };
}

/** Post a new role as a draft, or change one: pay offer from the rate card, expenses policy,
 * accessibility, places and closing date. */
export function RoleFormPage({ membership, role }: { membership: Membership; role?: OrgRole }) {
  const organisationId = membership.organisation_id;
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const rates = useQuery(payRatesQuery(organisationId));
  const create = useCreateRole(organisationId);
  const change = useChangeRole(organisationId, role?.id ?? 0);
  const rateList = rates.data?.results ?? [];

  const submit = useCallback(
    async (values: Record<string, string>) => {
      const body = answers(values, formRef.current, rateList);
      if (role) return change.mutateAsync(body);
      return create.mutateAsync({ ...body, organisation: organisationId });
    },
    [role, change, create, organisationId, rateList],
  );
  const onSuccess = useCallback(
    (saved: OrgRole) =>
      navigate(workspacePath(organisationId, "roles", saved.id), {
        state: { banner: role ? "Your changes to the role are saved." : "The role is saved as a draft." },
      }),
    [navigate, organisationId, role],
  );
  const form = useApiForm({ submit, onSuccess, fields: FIELDS });
  const heading = role ? "Change the role" : "Post a role";

  if (rates.isPending) return <p className="govuk-body cp-placeholder">Loading the rate card</p>;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, LABELS)} />
        <PageHeading caption={membership.organisation_name} hasErrors={form.hasErrors}>
          {heading}
        </PageHeading>
        <form ref={formRef} onSubmit={form.onSubmit} noValidate>
          <TextInput name="title" label="Title" defaultValue={role?.title} error={form.fieldErrors.title} />
          <TextInput
            name="summary"
            label="Summary"
            hint="One or two sentences shown in search results."
            defaultValue={role?.summary}
            error={form.fieldErrors.summary}
          />
          <Textarea name="description" label="What the role involves" defaultValue={role?.description} error={form.fieldErrors.description} />
          <Select
            name="involvement_type"
            label="Kind of involvement"
            options={[...INVOLVEMENT_TYPES]}
            defaultValue={role?.involvement_type ?? "advisory_group"}
            error={form.fieldErrors.involvement_type}
          />
          <TextInput name="location" label="Place" hint="Leave empty if the role is online only." defaultValue={role?.location} error={form.fieldErrors.location} />
          <Radios
            name="is_remote"
            legend="Can people take part online?"
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
            defaultValue={role?.is_remote ? "yes" : "no"}
          />
          <Textarea
            name="accessibility"
            label="Accessibility and adjustments"
            hint="For example step-free access, a quiet room, breaks, papers in advance, captions."
            defaultValue={role?.accessibility}
            error={form.fieldErrors.accessibility}
          />
          <TextInput name="places" label="Places" inputMode="numeric" className="govuk-input--width-3" defaultValue={String(role?.places ?? 1)} error={form.fieldErrors.places} />
          <TextInput
            name="closing_date"
            label="Closing date"
            hint="The last day people can apply."
            type="date"
            className="govuk-input--width-10"
            defaultValue={role?.closing_date}
            error={form.fieldErrors.closing_date}
          />
          <Radios
            name="pay"
            legend="Pay offer"
            hint="Choose from your organisation's rate card."
            options={[
              ...rateList.map((rate) => ({ value: `rate-${rate.id}`, label: rateLabel(rate) })),
              { value: "other", label: "A different amount" },
              { value: "unpaid", label: "Unpaid: expenses only" },
            ]}
            defaultValue={currentPay(role, rateList)}
            error={form.fieldErrors.pay}
          />
          <TextInput
            name="pay_rate"
            label="Amount, if a different amount"
            inputMode="decimal"
            className="govuk-input--width-5"
            defaultValue={role && currentPay(role, rateList) === "other" ? (role.pay_rate ?? "") : ""}
            error={form.fieldErrors.pay_rate}
          />
          <Select
            name="pay_unit"
            label="What the amount is for, if a different amount"
            options={[...PAY_UNITS]}
            defaultValue={role?.pay_unit || "hour"}
            error={form.fieldErrors.pay_unit}
          />
          <Checkboxes
            name="expenses_covered"
            legend="Expenses covered"
            options={EXPENSES}
            checked={role?.expenses_covered ?? ["travel"]}
            error={form.fieldErrors.expenses_covered}
          />
          <Textarea
            name="expenses_notes"
            label="Expenses policy"
            hint="What you pay for and how people claim, in plain words."
            defaultValue={role?.expenses_notes}
            error={form.fieldErrors.expenses_notes}
          />
          <Button busy={form.busy}>{role ? "Save changes" : "Save as a draft"}</Button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to={role ? workspacePath(organisationId, "roles", role.id) : workspacePath(organisationId, "roles")}>
            {role ? "Back to the role" : "Back to roles"}
          </Link>
        </p>
      </div>
    </div>
  );
}

import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";

import { Button } from "@/components/Button";
import { ErrorSummary } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { Radios } from "@/components/Radios";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";

import { circumstancesQuery, profileQuery, useSaveBenefits, type Circumstances, type Profile } from "../api/benefits";
import { BENEFIT_QUESTIONS, circumstancesInput, WEEKDAYS } from "../hooks/circumstances";

const FIELDS = [...BENEFIT_QUESTIONS.map((q) => q.name), "esa_permitted_work_limit", "pension_credit_category", "housing_benefit_category", "benefit_week_start", "uc_assessment_start_day", "share_headroom"];
const LABELS: Record<string, string> = {
  ...Object.fromEntries(BENEFIT_QUESTIONS.map((q) => [q.name, q.label])),
  esa_permitted_work_limit: "ESA permitted work limit",
  pension_credit_category: "Pension Credit",
  housing_benefit_category: "Housing Benefit",
  benefit_week_start: "The day your benefit week starts",
  uc_assessment_start_day: "The day your assessment period starts",
  share_headroom: "Sharing room left",
};

function Checkbox({ name, label, hint, checked, error }: { name: string; label: string; hint: string; checked: boolean; error?: string | undefined }) {
  return (
    <div className={`govuk-checkboxes__item${error ? " govuk-form-group--error" : ""}`}>
      <input className="govuk-checkboxes__input" id={name} name={name} type="checkbox" value="yes" defaultChecked={checked} aria-describedby={`${name}-hint`} />
      <label className="govuk-label govuk-checkboxes__label" htmlFor={name}>
        {label}
      </label>
      <div id={`${name}-hint`} className="govuk-hint govuk-checkboxes__hint">
        {error && <span className="govuk-error-message">{error} </span>}
        {hint}
      </div>
    </div>
  );
}

function BenefitsForm({ circumstances, profile }: { circumstances: Circumstances; profile: Profile }) {
  const save = useSaveBenefits();
  const [saved, setSaved] = useState(false);
  const submit = useCallback(
    (values: Record<string, string>) => {
      setSaved(false);
      return save.mutateAsync({ circumstances: circumstancesInput(values), shareHeadroom: values.share_headroom === "yes", profile });
    },
    [save, profile],
  );
  const onSuccess = useCallback(() => {
    setSaved(true);
    window.scrollTo(0, 0);
  }, []);
  const form = useApiForm({ submit, onSuccess, fields: FIELDS });
  const items = [
    ...(form.formError ? [{ message: form.formError }] : []),
    ...FIELDS.filter((f) => form.fieldErrors[f]).map((f) => ({ field: f, message: `${LABELS[f]}: ${form.fieldErrors[f]}` })),
  ];

  return (
    <>
      <ErrorSummary errors={items} submitCount={save.submittedAt} />
      {saved && <NotificationBanner type="success" heading="Your answers are saved. Your limits now follow them." />}
      <PageHeading hasErrors={form.hasErrors}>Your benefits</PageHeading>
      <div className="govuk-inset-text">
        <p className="govuk-body">
          <strong>Only you can see these answers.</strong> No organisation, coordinator or finance team can read them. We use them to show you the
          earnings limits that apply to you and to warn you before a payment would go over one.
        </p>
      </div>
      <form onSubmit={form.onSubmit} noValidate>
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Which of these do you get?</legend>
            <div className="govuk-hint">Tick all that apply. Under each one is what we use it for.</div>
            <div className="govuk-checkboxes" data-module="govuk-checkboxes">
              {BENEFIT_QUESTIONS.map((q) => (
                <Checkbox key={q.name} name={q.name} label={q.label} hint={q.purpose} checked={Boolean(circumstances[q.name as keyof Circumstances])} error={form.fieldErrors[q.name]} />
              ))}
            </div>
          </fieldset>
        </div>
        <Radios
          name="esa_permitted_work_limit"
          legend="If you get ESA: which permitted work limit applies to you?"
          hint="If you are not sure, choose the lower limit. It is the careful choice. Your ESA letters or an adviser can tell you."
          options={[
            { value: "lower", label: "Lower limit (up to £20 a week)" },
            { value: "higher", label: "Higher limit (under 16 hours a week)" },
            { value: "supported", label: "Supported permitted work" },
          ]}
          defaultValue={circumstances.esa_permitted_work_limit || "lower"}
          error={form.fieldErrors.esa_permitted_work_limit}
        />
        <Radios
          name="pension_credit_category"
          legend="If you get Pension Credit: which describes you?"
          hint="This sets how much you can earn before Pension Credit goes down."
          options={[
            { value: "single", label: "Single" },
            { value: "couple", label: "Part of a couple" },
            { value: "higher", label: "A carer, disabled person or lone parent" },
          ]}
          defaultValue={circumstances.pension_credit_category || undefined}
          error={form.fieldErrors.pension_credit_category}
        />
        <Radios
          name="housing_benefit_category"
          legend="If you get Housing Benefit: which describes you?"
          hint="This sets how much you can earn before Housing Benefit goes down."
          options={[
            { value: "single", label: "Single" },
            { value: "couple", label: "Part of a couple" },
            { value: "lone_parent", label: "A lone parent" },
          ]}
          defaultValue={circumstances.housing_benefit_category || undefined}
          error={form.fieldErrors.housing_benefit_category}
        />
        <div className={`govuk-form-group${form.fieldErrors.benefit_week_start ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="benefit_week_start">
            The day your benefit week starts
          </label>
          <div className="govuk-hint" id="benefit_week_start-hint">
            Weekly limits count from this day. Your benefit letters show it. If you do not know, leave it as Monday.
          </div>
          <select className="govuk-select" id="benefit_week_start" name="benefit_week_start" defaultValue={String(circumstances.benefit_week_start)} aria-describedby="benefit_week_start-hint">
            {WEEKDAYS.map((day, index) => (
              <option key={day} value={index}>
                {day}
              </option>
            ))}
          </select>
        </div>
        <TextInput
          name="uc_assessment_start_day"
          label="If you get Universal Credit: the day of the month your assessment period starts"
          hint="A number from 1 to 31. Your Universal Credit statement shows it. Leave it empty if you do not get Universal Credit."
          inputMode="numeric"
          className="govuk-input--width-2"
          defaultValue={circumstances.uc_assessment_start_day === null ? "" : String(circumstances.uc_assessment_start_day)}
          error={form.fieldErrors.uc_assessment_start_day}
        />
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Sharing room left with organisations</legend>
            <div className="govuk-checkboxes">
              <Checkbox
                name="share_headroom"
                label="Let organisations I work with see whether their next fee fits within my limits"
                checked={Boolean(profile.share_headroom)}
                error={form.fieldErrors.share_headroom}
                hint="This helps them plan sessions. They never see these answers or which benefit you get. But they would see how much room you have left before a limit, and from that someone could work out roughly what your limit is, and so guess which benefit you get. You can turn this off at any time."
              />
            </div>
          </fieldset>
        </div>
        <Button busy={form.busy} busyText="Saving">
          Save your answers
        </Button>
      </form>
      {circumstances.no_earnings_rule_note && <p className="govuk-body">{circumstances.no_earnings_rule_note}</p>}
    </>
  );
}

export function BenefitsPage() {
  const circumstances = useQuery(circumstancesQuery);
  const profile = useQuery(profileQuery);
  if (circumstances.data && profile.data) return <BenefitsForm circumstances={circumstances.data} profile={profile.data} />;
  return (
    <>
      <PageHeading>Your benefits</PageHeading>
      {circumstances.isError || profile.isError ? (
        <p className="govuk-body">We could not load your answers just now. Try again in a few minutes.</p>
      ) : (
        <p className="govuk-body cp-placeholder" aria-live="polite">
          Loading your answers
        </p>
      )}
    </>
  );
}

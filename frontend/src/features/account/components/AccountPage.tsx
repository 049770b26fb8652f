import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { Radios } from "@/components/Radios";
import { SummaryList } from "@/components/SummaryList";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";

import { profileQuery, useSaveProfile, type Profile } from "../api/account";

const LABELS: Record<string, string> = {
  preferred_name: "Name you like to be called",
  address_line_1: "Address line 1",
  address_line_2: "Address line 2",
  town: "Town or city",
  postcode: "Postcode",
  phone: "Phone number",
  contact_preference: "How we contact you",
  adjustments: "Adjustments",
};
const FIELDS = Object.keys(LABELS);

function ProfileForm({ profile }: { profile: Profile }) {
  const save = useSaveProfile();
  const submit = useCallback(
    (values: Record<string, string>) =>
      save.mutateAsync({
        preferred_name: values.preferred_name ?? "",
        address_line_1: values.address_line_1 ?? "",
        address_line_2: values.address_line_2 ?? "",
        town: values.town ?? "",
        postcode: values.postcode ?? "",
        phone: values.phone ?? "",
        adjustments: values.adjustments ?? "",
        ...(values.contact_preference ? { contact_preference: values.contact_preference as Profile["contact_preference"] } : {}),
      }),
    [save],
  );
  const form = useApiForm({ submit, fields: FIELDS });
  return (
    <>
      <ErrorSummary errors={errorSummaryItems(form, LABELS)} submitCount={save.submittedAt} />
      {save.isSuccess && !form.busy && <NotificationBanner type="success" heading="Your details have been saved." />}
      <form onSubmit={form.onSubmit} noValidate>
        <h2 className="govuk-heading-m">Your details</h2>
        <TextInput name="preferred_name" label={LABELS.preferred_name ?? ""} defaultValue={profile.preferred_name} autoComplete="nickname" error={form.fieldErrors.preferred_name} />
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Address used on your letters</legend>
          <TextInput name="address_line_1" label="Address line 1" defaultValue={profile.address_line_1} autoComplete="address-line1" error={form.fieldErrors.address_line_1} />
          <TextInput name="address_line_2" label="Address line 2 (optional)" defaultValue={profile.address_line_2} autoComplete="address-line2" error={form.fieldErrors.address_line_2} />
          <TextInput name="town" label="Town or city" defaultValue={profile.town} autoComplete="address-level2" className="govuk-!-width-two-thirds" error={form.fieldErrors.town} />
          <TextInput name="postcode" label="Postcode" defaultValue={profile.postcode} autoComplete="postal-code" className="govuk-input--width-10" error={form.fieldErrors.postcode} />
        </fieldset>
        <TextInput name="phone" label="Phone number (optional)" type="tel" defaultValue={profile.phone} autoComplete="tel" className="govuk-input--width-20" error={form.fieldErrors.phone} />
        <Radios
          name="contact_preference"
          legend="How should organisations contact you?"
          defaultValue={profile.contact_preference}
          error={form.fieldErrors.contact_preference}
          options={[
            { value: "email", label: "E-mail" },
            { value: "phone", label: "Phone" },
            { value: "post", label: "Post" },
          ]}
        />
        <div className={`govuk-form-group${form.fieldErrors.adjustments ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--m" htmlFor="adjustments">
            Adjustments that help you take part (optional)
          </label>
          <div id="adjustments-hint" className="govuk-hint">
            Organisations you work with see this. For example, breaks every hour, or papers sent a week before.
          </div>
          {form.fieldErrors.adjustments && (
            <p id="adjustments-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {form.fieldErrors.adjustments}
            </p>
          )}
          <textarea className="govuk-textarea" id="adjustments" name="adjustments" rows={4} defaultValue={profile.adjustments} aria-describedby="adjustments-hint" />
        </div>
        <Button busy={form.busy} busyText="Saving">
          Save your details
        </Button>
      </form>
    </>
  );
}

type Props = { email: string; fullName: string; isContributor: boolean };

/** The account: who you are, the name and address on your letters, and your data. */
export function AccountPage({ email, fullName, isContributor }: Props) {
  const profile = useQuery({ ...profileQuery(), enabled: isContributor });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>Your account</PageHeading>
        <SummaryList
          rows={[
            { key: "Name on your letters", value: fullName },
            { key: "E-mail address", value: email },
          ]}
        />
        {isContributor && !profile.data && (
          <p className="govuk-body" aria-live="polite">
            {profile.isError ? "Your details could not be loaded. Try again in a few minutes." : "Loading your details"}
          </p>
        )}
        {profile.data && <ProfileForm profile={profile.data} />}
        <h2 className="govuk-heading-m">E-mails and your data</h2>
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to="/me/notification-settings">
              Notification settings
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to="/me/account/export">
              Download your data
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to="/me/account/delete">
              Delete your account
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}

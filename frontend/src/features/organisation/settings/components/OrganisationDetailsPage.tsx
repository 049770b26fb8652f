import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";

import { workspacePath, type Membership } from "../../workspace/sections";
import { organisationQuery, useUpdateOrganisation, type Organisation, type OrganisationChanges } from "../api/settings";
import { Textarea } from "@/components/Textarea";

const LABELS = {
  name: "Name",
  description: "About the organisation",
  charity_number: "Charity number",
  address_line_1: "Address line 1",
  address_line_2: "Address line 2",
  town: "Town or city",
  postcode: "Postcode",
  contact_email: "Contact e-mail address",
  contact_phone: "Phone number",
  website: "Website",
} as const;
type Field = keyof typeof LABELS;
const FIELDS = Object.keys(LABELS) as Field[];

function DetailsForm({ organisation, organisationId, onSaved }: { organisation: Organisation; organisationId: number; onSaved: () => void }) {
  const update = useUpdateOrganisation(organisationId);
  const form = useApiForm({
    fields: FIELDS,
    submit: (values) => {
      const body: OrganisationChanges = {};
      for (const field of FIELDS) body[field] = (values[field] ?? "").trim();
      return update.mutateAsync(body);
    },
    onSuccess: onSaved,
  });
  return (
    <>
      <ErrorSummary errors={errorSummaryItems(form, LABELS)} />
      <form onSubmit={form.onSubmit} noValidate>
        <TextInput name="name" label={LABELS.name} defaultValue={organisation.name} error={form.fieldErrors.name} />
        <Textarea
          name="description"
          label={LABELS.description}
          hint="Who you are and your role, for example a charity or an NHS trust. Letters for benefits advisors include it."
          defaultValue={organisation.description}
          error={form.fieldErrors.description}
        />
        <TextInput name="charity_number" label={LABELS.charity_number} hint="If you are a registered charity." className="govuk-input--width-10" defaultValue={organisation.charity_number} error={form.fieldErrors.charity_number} />
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Address</legend>
          <TextInput name="address_line_1" label={LABELS.address_line_1} autoComplete="address-line1" defaultValue={organisation.address_line_1} error={form.fieldErrors.address_line_1} />
          <TextInput name="address_line_2" label={LABELS.address_line_2} autoComplete="address-line2" defaultValue={organisation.address_line_2} error={form.fieldErrors.address_line_2} />
          <TextInput name="town" label={LABELS.town} autoComplete="address-level2" className="govuk-!-width-two-thirds" defaultValue={organisation.town} error={form.fieldErrors.town} />
          <TextInput name="postcode" label={LABELS.postcode} autoComplete="postal-code" className="govuk-input--width-10" defaultValue={organisation.postcode} error={form.fieldErrors.postcode} />
        </fieldset>
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">How people contact you</legend>
          <TextInput
            name="contact_email"
            label={LABELS.contact_email}
            type="email"
            spellCheck={false}
            hint="Replies to the e-mails we send for you go here."
            defaultValue={organisation.contact_email}
            error={form.fieldErrors.contact_email}
          />
          <TextInput name="contact_phone" label={LABELS.contact_phone} type="tel" autoComplete="tel" className="govuk-input--width-20" defaultValue={organisation.contact_phone} error={form.fieldErrors.contact_phone} />
          <TextInput name="website" label={LABELS.website} type="url" spellCheck={false} hint="For example, https://www.example.org" defaultValue={organisation.website} error={form.fieldErrors.website} />
        </fieldset>
        <Button busy={form.busy}>Save the details</Button>
      </form>
    </>
  );
}

/** The organisation's name, description, address and contact details. */
export function OrganisationDetailsPage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const organisation = useQuery(organisationQuery(organisationId));
  const [saved, setSaved] = useState(false);
  return (
    <>
      {saved && <NotificationBanner type="success" heading="The organisation's details are saved." />}
      <PageHeading caption={membership.organisation_name}>Organisation details</PageHeading>
      <div role="status" aria-live="polite">
        {organisation.isPending && <p className="govuk-body">Loading the details</p>}
        {organisation.isError && <p className="govuk-body">The details could not be loaded. Try again in a few minutes.</p>}
      </div>
      {organisation.data && (
        <DetailsForm
          organisation={organisation.data}
          organisationId={organisationId}
          onSaved={() => {
            setSaved(true);
            window.scrollTo(0, 0);
          }}
        />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "settings")}>
          Back to settings
        </Link>
      </p>
    </>
  );
}

import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";

import { Button } from "@/components/Button";
import { ErrorSummary } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";

import { emailKindsFor, preferencesQuery, useSavePreferences, type Audience, type Preferences } from "../api/notifications";
import { useApiForm } from "@/hooks/useApiForm";

const FIELDS = ["email_enabled", "email_muted_kinds"] as const;

function SettingsForm({ preferences, audience }: { preferences: Preferences; audience: Audience }) {
  const save = useSavePreferences();
  const muted = new Set(preferences.email_muted_kinds ?? []);
  const kinds = emailKindsFor(audience);
  const submit = useCallback(
    (values: Record<string, string>) =>
      save.mutateAsync({
        email_enabled: values.email_enabled === "yes",
        email_muted_kinds: [
          ...[...muted].filter((kind) => !kinds.some((shown) => shown.kind === kind)),
          ...kinds.filter(({ kind }) => values[`kind-${kind}`] !== "on").map(({ kind }) => kind),
        ],
      }),
    [save, kinds, muted],
  );
  const form = useApiForm({ submit, fields: FIELDS });
  const errors = [
    ...(form.formError ? [{ message: form.formError }] : []),
    ...FIELDS.flatMap((field) => (form.fieldErrors[field] ? [{ field, message: form.fieldErrors[field] ?? "" }] : [])),
  ];
  return (
    <>
      <ErrorSummary errors={errors} submitCount={save.submittedAt} />
      <PageHeading hasErrors={form.hasErrors}>Notification settings</PageHeading>
      {save.isSuccess && !form.busy && <NotificationBanner type="success" heading="Your settings have been saved." />}
      <p className="govuk-body">You will always see every notification in Coproduce. Here you choose which ones we also e-mail to you.</p>
      <form onSubmit={form.onSubmit} noValidate>
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Do you want e-mails from Coproduce?</legend>
            <div className="govuk-radios">
              <div className="govuk-radios__item">
                <input className="govuk-radios__input" id="email_enabled" name="email_enabled" type="radio" value="yes" defaultChecked={preferences.email_enabled !== false} />
                <label className="govuk-label govuk-radios__label" htmlFor="email_enabled">
                  Yes, the ones I choose below
                </label>
              </div>
              <div className="govuk-radios__item">
                <input className="govuk-radios__input" id="email_enabled-no" name="email_enabled" type="radio" value="no" defaultChecked={preferences.email_enabled === false} />
                <label className="govuk-label govuk-radios__label" htmlFor="email_enabled-no">
                  No, do not e-mail me
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset" id="email_muted_kinds">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Which e-mails do you want?</legend>
            <div className="govuk-checkboxes">
              {kinds.map(({ kind, label, hint }) => (
                <div className="govuk-checkboxes__item" key={kind}>
                  <input
                    className="govuk-checkboxes__input"
                    id={`kind-${kind}`}
                    name={`kind-${kind}`}
                    type="checkbox"
                    defaultChecked={!muted.has(kind)}
                    aria-describedby={hint ? `kind-${kind}-hint` : undefined}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`kind-${kind}`}>
                    {label}
                  </label>
                  {hint && (
                    <div id={`kind-${kind}-hint`} className="govuk-hint govuk-checkboxes__hint">
                      {hint}
                    </div>
                  )}
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Button busy={form.busy} busyText="Saving">
          Save settings
        </Button>
      </form>
    </>
  );
}

/** Which e-mails a person gets: contributors choose among theirs, staff among theirs. */
export function NotificationSettingsPage({ audience }: { audience: Audience }) {
  const preferences = useQuery(preferencesQuery());
  if (!preferences.data)
    return (
      <>
        <PageHeading>Notification settings</PageHeading>
        <p className="govuk-body" aria-live="polite">
          {preferences.isError ? "Your settings could not be loaded. Try again in a few minutes." : "Loading your settings"}
        </p>
      </>
    );
  return <SettingsForm preferences={preferences.data} audience={audience} />;
}

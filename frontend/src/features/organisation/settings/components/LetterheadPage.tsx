import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems, type ErrorSummaryItem } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { ApiError } from "@/lib/api";

import { workspacePath, type Membership } from "../../workspace/sections";
import { letterPreview, organisationQuery, useUpdateOrganisation, type Letterhead, type Organisation } from "../api/settings";
import { Textarea } from "@/components/Textarea";

const LABELS = {
  letterhead_text: "Lines under your name",
  letterhead_colour: "Letterhead colour",
  signatory_name: "Name of the person who signs letters",
  signatory_title: "Their job title",
} as const;
type Field = keyof typeof LABELS;
const FIELDS = Object.keys(LABELS) as Field[];

function valuesOf(form: HTMLFormElement): Letterhead {
  const data = new FormData(form);
  const body: Letterhead = {};
  for (const field of FIELDS) body[field] = String(data.get(field) ?? "").trim();
  return body;
}

/** The preview: asked for with what is in the form now, shown as a PDF to open. */
function usePreview(organisationId: number) {
  const [url, setUrl] = useState<string | null>(null);
  const [errors, setErrors] = useState<ErrorSummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  const make = async (body: Letterhead) => {
    setBusy(true);
    setErrors([]);
    setUrl(null);
    try {
      setUrl(URL.createObjectURL(await letterPreview(organisationId, body)));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const items = Object.entries(error.fields).map(([field, messages]) => ({
        field,
        message: `${LABELS[field as Field] ?? field}: ${messages[0] ?? ""}`,
      }));
      setErrors(items.length ? items : [{ message: error.message }]);
    } finally {
      setBusy(false);
    }
  };
  return { url, errors, busy, make };
}

function LetterheadForm({ organisation, organisationId, onSaved }: { organisation: Organisation; organisationId: number; onSaved: () => void }) {
  const update = useUpdateOrganisation(organisationId);
  const formRef = useRef<HTMLFormElement>(null);
  const preview = usePreview(organisationId);
  const form = useApiForm({
    fields: FIELDS,
    submit: (values) => {
      const body: Letterhead = {};
      for (const field of FIELDS) body[field] = (values[field] ?? "").trim();
      return update.mutateAsync(body);
    },
    onSuccess: onSaved,
  });
  return (
    <>
      <ErrorSummary errors={[...errorSummaryItems(form, LABELS), ...preview.errors]} />
      <form ref={formRef} onSubmit={form.onSubmit} noValidate>
        <Textarea
          name="letterhead_text"
          label={LABELS.letterhead_text}
          hint="Printed at the top of every letter, under your organisation's name. One line for each line you want."
          rows={3}
          defaultValue={organisation.letterhead_text}
          error={form.fieldErrors.letterhead_text}
        />
        <TextInput
          name="letterhead_colour"
          label={LABELS.letterhead_colour}
          hint="A # and six hex digits, like #1d4f91. Your name and headings are printed in it, so it must be dark enough to read on white."
          className="govuk-input--width-10"
          spellCheck={false}
          defaultValue={organisation.letterhead_colour}
          error={form.fieldErrors.letterhead_colour}
        />
        <p className="govuk-body">
          Saved colour: <span className="cp-swatch" style={{ backgroundColor: organisation.letterhead_colour }} /> {organisation.letterhead_colour}
        </p>
        <TextInput
          name="signatory_name"
          label={LABELS.signatory_name}
          hint="Letters cannot be issued until someone is named here."
          autoComplete="off"
          defaultValue={organisation.signatory_name}
          error={form.fieldErrors.signatory_name}
        />
        <TextInput name="signatory_title" label={LABELS.signatory_title} hint="For example, Involvement lead" defaultValue={organisation.signatory_title} error={form.fieldErrors.signatory_title} />
        <div className="govuk-button-group">
          <Button busy={form.busy}>Save the letterhead</Button>
          <Button
            type="button"
            variant="secondary"
            busy={preview.busy}
            busyText="Making the preview"
            onClick={() => {
              if (formRef.current) void preview.make(valuesOf(formRef.current));
            }}
          >
            Preview a letter
          </Button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {preview.url && (
          <p className="govuk-body">
            Your preview is ready. It uses made-up details and is marked &quot;Preview — not a real letter&quot;.{" "}
            <a className="govuk-link" href={preview.url} download="letter-preview.pdf">
              Open the preview (PDF)
            </a>
          </p>
        )}
      </div>
    </>
  );
}

/** How the organisation's letters look and who signs them, with a preview of a letter. */
export function LetterheadPage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const organisation = useQuery(organisationQuery(organisationId));
  const [saved, setSaved] = useState(false);
  return (
    <>
      {saved && <NotificationBanner type="success" heading="The letterhead is saved. New letters use it." />}
      <PageHeading caption={membership.organisation_name}>Letterhead and signatory</PageHeading>
      <p className="govuk-body">
        Letters already issued keep the letterhead they were made with. Preview a letter to see your changes before you
        save them.
      </p>
      <div role="status" aria-live="polite">
        {organisation.isPending && <p className="govuk-body">Loading the letterhead</p>}
        {organisation.isError && <p className="govuk-body">The letterhead could not be loaded. Try again in a few minutes.</p>}
      </div>
      {organisation.data && (
        <LetterheadForm organisation={organisation.data} organisationId={organisationId} onSaved={() => setSaved(true)} />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "settings")}>
          Back to settings
        </Link>
      </p>
    </>
  );
}

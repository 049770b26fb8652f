import { useQuery } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { Link, useLocation, useNavigate } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";
import { clockTime, weekdayDate } from "@/lib/format";

import { workspacePath, type Membership } from "../../workspace/sections";
import {
  orgRoleQuery,
  orgSessionsQuery,
  useAddSession,
  useCancelSession,
  useChangeSession,
  type OrgSession,
  type SessionInput,
} from "../api/roles";
import { Textarea } from "@/components/Textarea";

const LABELS: Record<string, string> = {
  date: "Date",
  start_time: "Start time",
  end_time: "End time",
  location: "Place",
  online_link: "Online link",
  planned_hours: "Planned hours",
};
const FIELDS = Object.keys(LABELS);

function sessionBody(values: Record<string, string>): SessionInput {
  const body: SessionInput = {
    date: values.date ?? "",
    start_time: values.start_time ?? "",
    end_time: values.end_time ?? "",
    location: values.location ?? "",
    online_link: values.online_link ?? "",
  };
  if (values.planned_hours) body.planned_hours = values.planned_hours;
  return body;
}

function useSession(membership: Membership, roleId: number, sessionId: number | undefined) {
  const sessions = useQuery({ ...orgSessionsQuery(membership.organisation_id, roleId), enabled: sessionId !== undefined });
  const session = sessions.data?.results.find((s) => s.id === sessionId);
  return { session, pending: sessionId !== undefined && sessions.isPending };
}

function describe(session: OrgSession): string {
  return `${weekdayDate(session.date)}, ${clockTime(session.start_time)} to ${clockTime(session.end_time)}`;
}

/** Add a session to a role, or change (move) one. People booked are told of a move. */
export function SessionFormPage({ membership, roleId, sessionId }: { membership: Membership; roleId: number; sessionId?: number }) {
  const organisationId = membership.organisation_id;
  const navigate = useNavigate();
  const role = useQuery(orgRoleQuery(organisationId, roleId));
  const { session, pending } = useSession(membership, roleId, sessionId);
  const add = useAddSession(organisationId, roleId);
  const change = useChangeSession(organisationId, roleId, sessionId ?? 0);
  const another = useRef(false); // "Add it and add another" was pressed
  const location = useLocation();
  const banner = (location.state as { banner?: string } | null)?.banner;
  const back = workspacePath(organisationId, "roles", roleId);

  const submit = useCallback(
    (values: Record<string, string>) => (sessionId === undefined ? add.mutateAsync(sessionBody(values)) : change.mutateAsync(sessionBody(values))),
    [sessionId, add, change],
  );
  const onSuccess = useCallback(
    (saved: OrgSession) => {
      const banner =
        sessionId === undefined
          ? `Session added: ${describe(saved)}.`
          : `Session saved: ${describe(saved)}. If its date, time or place changed, the people booked have been told.`;
      if (another.current) {
        another.current = false;
        navigate(workspacePath(organisationId, "roles", roleId, "sessions", "new"), { state: { banner }, replace: true });
        return;
      }
      navigate(back, { state: { banner } });
    },
    [sessionId, navigate, back, organisationId, roleId],
  );
  const form = useApiForm({ submit, onSuccess, fields: FIELDS });

  if (role.isPending || pending) return <p className="govuk-body cp-placeholder">Loading the session</p>;
  if (sessionId !== undefined && !session) {
    return (
      <>
        <PageHeading caption={membership.organisation_name}>Session not found</PageHeading>
        <Link className="govuk-link" to={back}>
          Back to the role
        </Link>
      </>
    );
  }
  const heading = sessionId === undefined ? "Add a session" : "Change or move a session";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {banner && !form.hasErrors && <NotificationBanner type="success" heading={banner} />}
        <ErrorSummary errors={errorSummaryItems(form, LABELS)} />
        <PageHeading caption={role.data?.title ?? membership.organisation_name} hasErrors={form.hasErrors}>
          {heading}
        </PageHeading>
        {session && (
          <div className="govuk-inset-text">
            Now {describe(session)}. If you change the date, time or place, the people booked are told by e-mail and in the app,
            with a calendar file that updates their calendar.
          </div>
        )}
        <form onSubmit={form.onSubmit} noValidate key={session?.id ?? location.key}>
          <TextInput name="date" label="Date" type="date" className="govuk-input--width-10" defaultValue={session?.date} error={form.fieldErrors.date} />
          <TextInput
            name="start_time"
            label="Start time"
            hint="UK time, for example 10:00"
            type="time"
            className="govuk-input--width-5"
            defaultValue={session ? clockTime(session.start_time) : ""}
            error={form.fieldErrors.start_time}
          />
          <TextInput
            name="end_time"
            label="End time"
            type="time"
            className="govuk-input--width-5"
            defaultValue={session ? clockTime(session.end_time) : ""}
            error={form.fieldErrors.end_time}
          />
          <TextInput name="location" label="Place (optional)" defaultValue={session?.location} error={form.fieldErrors.location} />
          <TextInput
            name="online_link"
            label="Online link (optional)"
            hint="Shown only to the people taking part and your organisation."
            type="url"
            defaultValue={session?.online_link}
            error={form.fieldErrors.online_link}
          />
          <TextInput
            name="planned_hours"
            label="Planned hours (optional)"
            hint="Leave empty to use the time between the start and the end."
            inputMode="decimal"
            className="govuk-input--width-4"
            defaultValue={session?.planned_hours}
            error={form.fieldErrors.planned_hours}
          />
          <div className="govuk-button-group">
            <Button busy={form.busy} onClick={() => (another.current = false)}>
              {sessionId === undefined ? "Add the session" : "Save the session"}
            </Button>
            {sessionId === undefined && (
              <Button variant="secondary" busy={form.busy} onClick={() => (another.current = true)}>
                Add it and add another
              </Button>
            )}
          </div>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to={back}>
            Back to the role
          </Link>
        </p>
      </div>
    </div>
  );
}

/** Cancel a session with a reason the people booked are told. */
export function SessionCancelPage({ membership, roleId, sessionId }: { membership: Membership; roleId: number; sessionId: number }) {
  const organisationId = membership.organisation_id;
  const navigate = useNavigate();
  const role = useQuery(orgRoleQuery(organisationId, roleId));
  const { session, pending } = useSession(membership, roleId, sessionId);
  const cancel = useCancelSession(organisationId, roleId, sessionId);
  const back = workspacePath(organisationId, "roles", roleId);
  const submit = useCallback((values: Record<string, string>) => cancel.mutateAsync(values.reason ?? ""), [cancel]);
  const onSuccess = useCallback(
    (done: OrgSession) =>
      navigate(back, { state: { banner: `The session on ${weekdayDate(done.date)} is cancelled. The people booked have been told.` } }),
    [navigate, back],
  );
  const form = useApiForm({ submit, onSuccess, fields: ["reason"] });

  if (role.isPending || pending) return <p className="govuk-body cp-placeholder">Loading the session</p>;
  if (!session || session.status === "cancelled") {
    return (
      <>
        <PageHeading caption={membership.organisation_name}>This session cannot be cancelled</PageHeading>
        <p className="govuk-body">It is already cancelled, or it is not a session of this role.</p>
        <Link className="govuk-link" to={back}>
          Back to the role
        </Link>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(form, { reason: "Reason" })} />
        <PageHeading caption={role.data?.title ?? membership.organisation_name} hasErrors={form.hasErrors}>
          Cancel a session
        </PageHeading>
        <p className="govuk-body">You are cancelling the session on {describe(session)}.</p>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            The people booked are told by e-mail and in the app, with your reason and a calendar file that removes the session.
          </strong>
        </div>
        <form onSubmit={form.onSubmit} noValidate>
          <Textarea name="reason" label="Why is the session cancelled?" hint="Say it kindly and plainly. People booked will read this." error={form.fieldErrors.reason} />
          <Button variant="warning" busy={form.busy}>
            Cancel the session
          </Button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to={back}>
            Keep the session and go back
          </Link>
        </p>
      </div>
    </div>
  );
}

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { Radios } from "@/components/Radios";
import { ScrollRegion } from "@/components/ScrollRegion";
import { SummaryList } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { Tag } from "@/components/Tag";
import { TextInput } from "@/components/TextInput";
import { ApiError } from "@/lib/api";
import { clockTime, longDate, money, todayIso, weekdayDate } from "@/lib/format";

import { COORDINATOR_ROLES, can, workspacePath, type Membership } from "../../workspace/sections";
import {
  attendanceQuery,
  contributorsQuery,
  engagementQuery,
  roleSessionsQuery,
  useLogAttendance,
  type AttendanceWithFee,
  type Engagement,
  type RoleSession,
} from "../api/people";
import { ENGAGEMENT_STATUS } from "./PeoplePage";
import { FeeText, LimitStatusTag, needsATalk, roomText } from "./Room";

const ANOTHER_DAY = "another";
const LABELS = { session: "Session", date: "Date", hours: "Hours" };

type Answers = { session: string; date: string; hours: string };
type Errors = { formError: string | null; fieldErrors: Record<string, string> };
const NO_ERRORS: Errors = { formError: null, fieldErrors: {} };

function problemsWith(answers: Answers): Record<string, string> {
  const found: Record<string, string> = {};
  if (!answers.session) found.session = "Choose the session, or another day.";
  if (answers.session === ANOTHER_DAY && !answers.date) found.date = "Enter the day they gave the time.";
  const hours = Number(answers.hours);
  if (!answers.hours.trim() || Number.isNaN(hours)) found.hours = "Enter the hours they gave, like 2.5.";
  else if (hours <= 0 || hours > 24) found.hours = "Enter hours more than 0 and no more than 24.";
  return found;
}

function LogAttendance({ engagement, sessions }: { engagement: Engagement; sessions: RoleSession[] }) {
  const organisationId = engagement.opportunity.organisation_id;
  const logAttendance = useLogAttendance(organisationId, engagement.id);
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [checking, setChecking] = useState(false);
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [submitCount, setSubmitCount] = useState(0);
  const [logged, setLogged] = useState<AttendanceWithFee | null>(null);
  const byId = new Map(sessions.map((s) => [String(s.id), s]));
  const dayOf = (a: Answers) => (a.session === ANOTHER_DAY ? a.date : (byId.get(a.session)?.date ?? ""));

  const onContinue = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const read = {
      session: String(data.get("session") ?? ""),
      date: String(data.get("date") ?? ""),
      hours: String(data.get("hours") ?? ""),
    };
    const found = problemsWith(read);
    setAnswers(read);
    setErrors({ formError: null, fieldErrors: found });
    setSubmitCount((n) => n + 1);
    setChecking(Object.keys(found).length === 0);
  };

  const onLog = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!answers) return;
    try {
      const attendance = await logAttendance.mutateAsync({
        session: answers.session === ANOTHER_DAY ? null : Number(answers.session),
        date: dayOf(answers),
        hours: answers.hours.trim(),
      });
      setLogged(attendance);
      setAnswers(null);
      setChecking(false);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fields).flatMap(([name, messages]) => (name in LABELS && messages[0] ? [[name, messages[0]]] : [])),
      );
      setErrors({ formError: Object.keys(fieldErrors).length > 0 ? null : error.message, fieldErrors });
      setSubmitCount((n) => n + 1);
      setChecking(false);
    }
  };

  if (checking && answers) {
    const session = byId.get(answers.session);
    return (
      <>
        <h2 className="govuk-heading-m">Check before you log this attendance</h2>
        <SummaryList
          rows={[
            { key: "Session", value: session ? `${weekdayDate(session.date)}, ${clockTime(session.start_time)}` : "Not a session" },
            { key: "Date", value: longDate(dayOf(answers)) },
            { key: "Hours", value: answers.hours },
          ]}
        />
        <p className="govuk-body">Logging it records the fee these hours earn, with their payment choice applied.</p>
        <form onSubmit={(event) => void onLog(event)} noValidate>
          <div className="govuk-button-group">
            <Button busy={logAttendance.isPending} busyText="Logging attendance">
              Log attendance
            </Button>
            <Button type="button" variant="secondary" onClick={() => setChecking(false)}>
              Change your answers
            </Button>
          </div>
        </form>
      </>
    );
  }

  const today = todayIso();
  const choices = sessions.filter((s) => s.date <= today);
  return (
    <>
      {logged && (
        <NotificationBanner type="success" heading={`Attendance logged: ${logged.hours} hours on ${longDate(logged.date)}`}>
          <p className="govuk-body">
            Fee recorded: <FeeText fee={logged.fee} />
            {logged.fee && ` (offered ${money(logged.fee.offered)})`}
          </p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={errorSummaryItems(errors, LABELS)} submitCount={submitCount} />
      <h2 className="govuk-heading-m">Log one attendance</h2>
      <form noValidate onSubmit={onContinue} key={logged?.id ?? "new"}>
        <Radios
          name="session"
          legend="Which session?"
          options={[
            ...choices.map((s) => ({ value: String(s.id), label: `${weekdayDate(s.date)}, ${clockTime(s.start_time)} (${s.planned_hours} hours planned)` })),
            { value: ANOTHER_DAY, label: "Another day, not a session" },
          ]}
          defaultValue={answers?.session}
          error={errors.fieldErrors.session}
        />
        <TextInput
          name="date"
          label="Date, if it was another day"
          type="date"
          max={today}
          className="govuk-input--width-10"
          defaultValue={answers?.date}
          error={errors.fieldErrors.date}
        />
        <TextInput
          name="hours"
          label="Hours they gave"
          hint="For example, 2.5"
          inputMode="decimal"
          className="govuk-input--width-5"
          defaultValue={answers?.hours}
          error={errors.fieldErrors.hours}
        />
        <Button>Continue</Button>
      </form>
    </>
  );
}

/** One person on one role: their sessions, the attendance logged and the fees it recorded. */
export function PersonPage({ membership, engagementId }: { membership: Membership; engagementId: number }) {
  const organisationId = membership.organisation_id;
  const engagement = useQuery(engagementQuery(engagementId));
  const attendance = useQuery(attendanceQuery(engagementId));
  const contributors = useQuery(contributorsQuery(organisationId));
  const opportunityId = engagement.data?.opportunity.id;
  const sessions = useQuery({ ...roleSessionsQuery(opportunityId ?? 0), enabled: opportunityId !== undefined });

  if (engagement.isPending) {
    return (
      <>
        <PageHeading caption={membership.organisation_name}>Person</PageHeading>
        <p className="govuk-body cp-placeholder">Loading</p>
      </>
    );
  }
  if (engagement.isError || engagement.data.opportunity.organisation_id !== organisationId) {
    return (
      <>
        <PageHeading caption={membership.organisation_name}>Person</PageHeading>
        <p className="govuk-body">We could not find this person on your roles.</p>
      </>
    );
  }
  const person = engagement.data;
  const shared = contributors.data?.results.find((c) => c.contributor_id === person.contributor.id);
  const logged = attendance.data?.results ?? [];
  const loggedSessions = new Map(logged.filter((a) => a.session_id !== null).map((a) => [a.session_id, a]));
  const status = ENGAGEMENT_STATUS[person.status];

  return (
    <>
      <PageHeading caption={person.opportunity.title}>{person.contributor.full_name}</PageHeading>
      {person.status === "active" && needsATalk(shared) && (
        <NotificationBanner heading="Talk to them before booking more paid work">
          <p className="govuk-body">{roomText(shared)}</p>
        </NotificationBanner>
      )}
      <SummaryList
        rows={[
          { key: "Role", value: person.opportunity.title },
          { key: "Status", value: <Tag colour={status.colour}>{status.label}</Tag> },
          { key: "Limits", value: <LimitStatusTag contributor={shared} /> },
          { key: "Room for your next fee", value: person.status === "active" ? roomText(shared) : "Not taking part now." },
        ]}
      />
      <h2 className="govuk-heading-m">Sessions</h2>
      {sessions.data && (
        <ScrollRegion label="Sessions">
          <Table
            caption="Sessions of this role"
            columns={[
              { header: "Date", cell: (s) => `${weekdayDate(s.date)}, ${clockTime(s.start_time)}` },
              { header: "Planned hours", cell: (s) => s.planned_hours, numeric: true },
              {
                header: "Attendance",
                cell: (s) => {
                  const a = loggedSessions.get(s.id);
                  return a ? `${a.hours} hours logged` : "Not logged";
                },
              },
            ]}
            rows={sessions.data.results}
            rowKey={(s) => s.id}
            empty="This role has no sessions."
          />
        </ScrollRegion>
      )}
      <h2 className="govuk-heading-m">Attendance and fees</h2>
      <ScrollRegion label="Attendance and fees">
        <Table
          caption="Attendance logged and the fees recorded"
          columns={[
            { header: "Date", cell: (a) => longDate(a.date) },
            { header: "Hours", cell: (a) => a.hours, numeric: true },
            { header: "Offered", cell: (a) => (a.fee ? money(a.fee.offered) : money(a.offered_amount)), numeric: true },
            { header: "Payable", cell: (a) => (a.fee ? money(a.fee.payable) : ""), numeric: true },
            { header: "Waived", cell: (a) => (a.fee ? money(a.fee.waived) : ""), numeric: true },
            { header: "Why", cell: (a) => (a.fee ? a.fee.reason : "No fee for this attendance.") },
          ]}
          rows={logged}
          rowKey={(a) => a.id}
          empty="No attendance is logged yet."
        />
      </ScrollRegion>
      {can(membership, COORDINATOR_ROLES) && person.status !== "withdrawn" && (
        <LogAttendance engagement={person} sessions={(sessions.data?.results ?? []).filter((s) => !loggedSessions.has(s.id))} />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "people")}>
          Back to people and attendance
        </Link>
      </p>
    </>
  );
}

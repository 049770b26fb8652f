import { useQuery } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Panel } from "@/components/Panel";
import { Radios } from "@/components/Radios";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { TextInput } from "@/components/TextInput";
import { ApiError } from "@/lib/api";
import { clockTime, money, weekdayDate } from "@/lib/format";

import { workspacePath, type Membership } from "../../workspace/sections";
import { registerQuery, useLogRegister, type RegisterRecorded, type RegisterRow, type SessionRegister } from "../api/people";
import { FeeText } from "./Room";

/** One person's answer: did they come, and for how long. */
export type Answer = { came: "yes" | "no" | ""; hours: string };

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
}

function labelsFor(rows: RegisterRow[]): Record<string, string> {
  const labels: Record<string, string> = {};
  rows.forEach((row, index) => {
    labels[`rows.${index}.attended`] = row.name;
    labels[`rows.${index}.hours`] = `${row.name}'s hours`;
  });
  return labels;
}

/** Check the answers in the page before anything is sent: each person needs yes or no, and
 * hours when they came. */
export function answerProblems(answers: Answer[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  answers.forEach((answer, index) => {
    if (!answer.came) fields[`rows.${index}.attended`] = ["Say whether they came."];
    else if (answer.came === "yes") {
      const hours = Number(answer.hours);
      if (!answer.hours.trim() || Number.isNaN(hours)) fields[`rows.${index}.hours`] = ["Enter the hours they gave, like 2.5."];
      else if (hours <= 0 || hours > 24) fields[`rows.${index}.hours`] = ["Enter hours more than 0 and no more than 24."];
    }
  });
  return fields;
}

function SessionCaption({ register }: { register: SessionRegister }) {
  const { session } = register;
  return (
    <p className="govuk-body-l">
      {session.opportunity_title}: {weekdayDate(session.date)}, {clockTime(session.start_time)} to {clockTime(session.end_time)} (
      {session.planned_hours} hours planned)
    </p>
  );
}

function AlreadyLogged({ rows }: { rows: RegisterRow[] }) {
  if (rows.length === 0) return null;
  return (
    <ScrollRegion label="Already logged">
      <Table
        caption="Already logged"
        columns={[
          { header: "Name", cell: (r) => r.name },
          { header: "Came", cell: (r) => (r.state === "attended" ? `Yes, ${r.attendance?.hours ?? ""} hours` : "No") },
          { header: "Fee", cell: (r) => (r.state === "attended" ? <FeeText fee={r.fee} /> : "") },
        ]}
        rows={rows}
        rowKey={(r) => r.engagement_id}
        empty=""
      />
    </ScrollRegion>
  );
}

function Results({ membership, recorded }: { membership: Membership; recorded: RegisterRecorded }) {
  const organisationId = membership.organisation_id;
  return (
    <>
      <Panel title="Register logged">
        {recorded.session.opportunity_title}, {weekdayDate(recorded.session.date)}
      </Panel>
      <ScrollRegion label="Fees recorded">
        <Table
          caption="Fees recorded"
          columns={[
            { header: "Name", cell: (r) => r.name },
            { header: "Came", cell: (r) => (r.state === "attended" ? `Yes, ${r.attendance?.hours ?? ""} hours` : "No") },
            { header: "Offered", cell: (r) => (r.fee ? money(r.fee.offered) : ""), numeric: true },
            { header: "Payable", cell: (r) => (r.fee ? money(r.fee.payable) : ""), numeric: true },
            { header: "Waived", cell: (r) => (r.fee ? money(r.fee.waived) : ""), numeric: true },
            {
              header: "Why",
              cell: (r) => (r.state !== "attended" ? "Did not come: no fee." : r.fee ? r.fee.reason : "No fee for this attendance."),
            },
          ]}
          rows={recorded.rows}
          rowKey={(r) => r.engagement_id}
          empty=""
        />
      </ScrollRegion>
      <p className="govuk-body">Finance officers approve each fee before it is paid.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "people")}>
          Back to people and attendance
        </Link>
      </p>
    </>
  );
}

function firstOf(fields: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).flatMap(([name, messages]) => (messages[0] ? [[name, messages[0]]] : [])));
}

type FormProps = { organisationId: number; register: SessionRegister; onDone: (recorded: RegisterRecorded) => void };

function RegisterForm({ organisationId, register, onDone }: FormProps) {
  const toLog = register.rows.filter((row) => row.state === "to_log");
  const planned = register.session.planned_hours;
  const [answers, setAnswers] = useState<Answer[]>(() => toLog.map(() => ({ came: "", hours: planned })));
  const [checking, setChecking] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [submitCount, setSubmitCount] = useState(0);
  const idempotencyKey = useRef(newKey());
  const logRegister = useLogRegister(organisationId, register.session.id);
  const labels = labelsFor(toLog);

  const [refused, setRefused] = useState<{ formError: string | null; fieldErrors: Record<string, string> } | null>(null);

  const onLog = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      const recorded = await logRegister.mutateAsync({
        idempotencyKey: idempotencyKey.current,
        rows: toLog.map((row, index) => {
          const answer = answers[index] ?? { came: "no", hours: "" };
          const came = answer.came === "yes";
          return { engagement: row.engagement_id, attended: came, hours: came ? answer.hours.trim() : null };
        }),
      });
      onDone(recorded);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The API's problems send the reader back to the register, each beside its row.
      const fieldErrors = Object.fromEntries(
        Object.entries(firstOf(error.fields)).filter(([name]) => name in labels),
      );
      const others = Object.entries(error.fields).filter(([name]) => !(name in labels)).flatMap(([, messages]) => messages);
      const formError = [error.message, ...others].join(" ");
      setRefused({ formError, fieldErrors });
      setSubmitCount((n) => n + 1);
      setChecking(false);
    }
  };

  const onContinue = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const read = toLog.map((_, index) => ({
      came: (data.get(`rows.${index}.attended`) as Answer["came"] | null) ?? "",
      hours: String(data.get(`rows.${index}.hours`) ?? ""),
    }));
    const found = firstOf(answerProblems(read));
    setAnswers(read);
    setProblems(found);
    setRefused(null);
    setSubmitCount((n) => n + 1);
    if (Object.keys(found).length === 0) {
      // A changed register is a new request: it gets a new key.
      idempotencyKey.current = newKey();
      setChecking(true);
    }
  };

  if (toLog.length === 0) {
    return (
      <>
        <PageHeading caption={register.session.opportunity_title}>Register</PageHeading>
        <SessionCaption register={register} />
        <p className="govuk-body">Everyone booked on this session is logged.</p>
        <AlreadyLogged rows={register.rows} />
      </>
    );
  }

  if (checking) {
    return (
      <>
        <PageHeading caption={register.session.opportunity_title}>Check the register before you log it</PageHeading>
        <SessionCaption register={register} />
        <ScrollRegion label="Your answers">
          <Table
            caption="Your answers"
            columns={[
              { header: "Name", cell: (r: { row: RegisterRow; answer: Answer }) => r.row.name },
              { header: "Came", cell: (r) => (r.answer.came === "yes" ? "Yes" : "No") },
              { header: "Hours", cell: (r) => (r.answer.came === "yes" ? r.answer.hours : ""), numeric: true },
            ]}
            rows={toLog.map((row, index) => ({ row, answer: answers[index] ?? { came: "", hours: "" } }))}
            rowKey={(r) => r.row.engagement_id}
            empty=""
          />
        </ScrollRegion>
        <p className="govuk-body">
          Logging the register records a fee for each person who came, with their payment choice applied. You cannot undo
          it here.
        </p>
        <form onSubmit={(event) => void onLog(event)} noValidate>
          <div className="govuk-button-group">
            <Button busy={logRegister.isPending} busyText="Logging the register">
              Log the register
            </Button>
            <Button type="button" variant="secondary" onClick={() => setChecking(false)}>
              Change your answers
            </Button>
          </div>
        </form>
      </>
    );
  }

  const shown = refused ?? { formError: null, fieldErrors: problems };
  const hasErrors = shown.formError !== null || Object.keys(shown.fieldErrors).length > 0;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errorSummaryItems(shown, labels)} submitCount={submitCount} />
        <PageHeading caption={register.session.opportunity_title} hasErrors={hasErrors}>
          Register
        </PageHeading>
        <SessionCaption register={register} />
        <form noValidate onSubmit={onContinue}>
          {toLog.map((row, index) => (
            <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={row.engagement_id}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{row.name}</legend>
              <Radios
                name={`rows.${index}.attended`}
                legend={`Did ${row.name} come?`}
                options={[
                  { value: "yes", label: "Yes" },
                  { value: "no", label: "No" },
                ]}
                defaultValue={answers[index]?.came || undefined}
                error={shown.fieldErrors[`rows.${index}.attended`]}
              />
              <TextInput
                name={`rows.${index}.hours`}
                label={`Hours ${row.name} gave`}
                hint="Only if they came. For example, 2.5"
                inputMode="decimal"
                className="govuk-input--width-5"
                defaultValue={answers[index]?.hours ?? planned}
                error={shown.fieldErrors[`rows.${index}.hours`]}
              />
            </fieldset>
          ))}
          <Button>Continue</Button>
        </form>
        <AlreadyLogged rows={register.rows.filter((row) => row.state !== "to_log")} />
      </div>
    </div>
  );
}

/** A session's register: who came and their hours, checked, then logged at once, with the fee
 * recorded for each person. */
export function RegisterPage({ membership, sessionId }: { membership: Membership; sessionId: number }) {
  const register = useQuery(registerQuery(sessionId));
  const [recorded, setRecorded] = useState<RegisterRecorded | null>(null);

  if (recorded) return <Results membership={membership} recorded={recorded} />;
  if (register.isPending) {
    return (
      <>
        <PageHeading caption={membership.organisation_name}>Register</PageHeading>
        <p className="govuk-body cp-placeholder">Loading the register</p>
      </>
    );
  }
  if (register.isError) {
    return (
      <>
        <PageHeading caption={membership.organisation_name}>Register</PageHeading>
        <p className="govuk-body">
          {register.error instanceof ApiError && register.error.status === 404
            ? "There is no session with that address in this organisation."
            : "We could not load the register just now. Try again in a few minutes."}
        </p>
      </>
    );
  }
  return <RegisterForm organisationId={membership.organisation_id} register={register.data} onDone={setRecorded} />;
}

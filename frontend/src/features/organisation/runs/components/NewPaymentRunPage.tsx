import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { SummaryList } from "@/components/SummaryList";
import { Table } from "@/components/Table";
import { Tag } from "@/components/Tag";
import { useApiForm } from "@/hooks/useApiForm";
import { longDate, money, todayIso } from "@/lib/format";

import { previewQuery, useBuildRun, type PreviewRow } from "../api/runs";
import { workspacePath, type Membership } from "../../workspace/sections";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const STATUS_WORDS = { ok: "OK", near: "Near a limit", over: "Over a limit" } as const;

function PayDateForm({ organisationId, payOn, error }: { organisationId: number; payOn: string; error?: string }) {
  return (
    <form method="get" action={workspacePath(organisationId, "payment-runs", "new")} noValidate>
      <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label govuk-label--m" htmlFor="pay_on">
          When will you pay this run?
        </label>
        <div id="pay_on-hint" className="govuk-hint">
          Fees count on the day they are paid. We check each fee against the person&apos;s cap on that day.
        </div>
        {error && (
          <p id="pay_on-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <input
          className={`govuk-input govuk-input--width-10${error ? " govuk-input--error" : ""}`}
          type="date"
          id="pay_on"
          name="pay_on"
          defaultValue={payOn}
          aria-describedby={`pay_on-hint${error ? " pay_on-error" : ""}`}
        />
      </div>
      <Button variant="secondary">Check this date</Button>
    </form>
  );
}

function Included({ rows }: { rows: PreviewRow[] }) {
  return (
    <ScrollRegion label="In this run">
      <Table
        caption={`In this run (${rows.length})`}
        columns={[
          { header: "Person", cell: (row) => row.contributor_name },
          { header: "What for", cell: (row) => row.description },
          { header: "Status on that day", cell: (row) => (row.status ? STATUS_WORDS[row.status] : "Not shared") },
          { header: "Amount", cell: (row) => money(row.payable), numeric: true },
        ]}
        rows={rows}
        rowKey={(row) => row.payment_id}
        empty="No approved payments fit on this date."
      />
    </ScrollRegion>
  );
}

function Held({ rows }: { rows: PreviewRow[] }) {
  if (rows.length === 0) return null;
  return (
    <ScrollRegion label="Held back">
      <Table
        caption={`Held back (${rows.length})`}
        columns={[
          { header: "Person", cell: (row) => row.contributor_name },
          { header: "What for", cell: (row) => row.description },
          {
            header: "Why",
            cell: (row) => (
              <>
                <Tag colour="orange">Held</Tag> {row.message}
              </>
            ),
          },
          { header: "Fits from", cell: (row) => (row.fits_from ? longDate(row.fits_from) : "Not in the next 60 days") },
          { header: "Amount", cell: (row) => money(row.payable), numeric: true },
        ]}
        rows={rows}
        rowKey={(row) => row.payment_id}
        empty=""
      />
    </ScrollRegion>
  );
}

function Preview({ organisationId, payOn }: { organisationId: number; payOn: string }) {
  const navigate = useNavigate();
  const preview = useQuery(previewQuery(organisationId, payOn));
  const build = useBuildRun(organisationId);
  const included = preview.data?.results.filter((row) => row.fits) ?? [];
  const held = preview.data?.results.filter((row) => !row.fits) ?? [];
  const total = included.reduce((sum, row) => sum + Number(row.payable), 0);
  const form = useApiForm({
    submit: () => build.mutateAsync({ payments: included.map((row) => row.payment_id), pay_on: payOn }),
    onSuccess: (run) => navigate(workspacePath(organisationId, "payment-runs", run.id), { state: { built: true } }),
    fields: [],
  });
  if (preview.isPending) return <p className="govuk-body cp-placeholder">Checking the payments for {longDate(payOn)}</p>;
  if (preview.isError) return <p className="govuk-body">We could not check this date. {preview.error.message}</p>;
  return (
    <>
      <h2 className="govuk-heading-m">Check the run before you build it</h2>
      <ErrorSummary errors={errorSummaryItems(form, {})} />
      <SummaryList
        rows={[
          { key: "Pay date", value: longDate(payOn) },
          { key: "Payments", value: String(included.length) },
          { key: "Total", value: money(total) },
          { key: "Held back", value: held.length ? `${held.length}: they stay approved for a later run` : "None" },
        ]}
      />
      <Included rows={included} />
      <Held rows={held} />
      {included.length > 0 && (
        <form onSubmit={form.onSubmit} noValidate>
          <Button busy={form.busy}>Build the run</Button>
        </form>
      )}
    </>
  );
}

/** Finance: choose a pay date, see which approved payments fit their caps on it, build the run. */
export function NewPaymentRunPage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const [params] = useSearchParams();
  const asked = params.get("pay_on");
  const payOn = asked && ISO_DAY.test(asked) ? asked : null;
  const error = asked !== null && payOn === null ? "Enter the date you will pay this run" : undefined;
  return (
    <>
      <PageHeading caption={membership.organisation_name} hasErrors={Boolean(error)}>
        Start a payment run
      </PageHeading>
      <ErrorSummary errors={error ? [{ field: "pay_on", message: error }] : []} />
      <PayDateForm key={payOn ?? ""} organisationId={organisationId} payOn={payOn ?? todayIso()} error={error} />
      {payOn && <Preview key={payOn} organisationId={organisationId} payOn={payOn} />}
      <Link className="govuk-link govuk-body" to={workspacePath(organisationId, "payment-runs")}>
        Back to payment runs
      </Link>
    </>
  );
}

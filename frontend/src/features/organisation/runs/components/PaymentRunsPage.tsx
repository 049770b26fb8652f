import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { longDate, money } from "@/lib/format";

import { runsQuery, type Run } from "../api/runs";
import { workspacePath, type Membership } from "../../workspace/sections";

function Runs({ organisationId, status }: { organisationId: number; status: Run["status"] }) {
  const runs = useQuery(runsQuery(organisationId, status));
  const caption = status === "open" ? "Open runs" : "Paid runs";
  if (runs.isPending) return <p className="govuk-body cp-placeholder">Loading {caption.toLowerCase()}</p>;
  if (runs.isError) return <p className="govuk-body">We could not load the runs. {runs.error.message}</p>;
  return (
    <ScrollRegion label={caption}>
      <Table
        caption={caption}
        columns={[
          {
            header: "Run",
            cell: (run) => (
              <Link className="govuk-link" to={workspacePath(organisationId, "payment-runs", run.id)}>
                {run.reference}
              </Link>
            ),
          },
          {
            header: status === "open" ? "Pay date" : "Paid on",
            cell: (run) => {
              const day = status === "open" ? run.pay_on : run.paid_on;
              return day ? longDate(day) : "Not set";
            },
          },
          { header: "Payments", cell: (run) => run.payment_count, numeric: true },
          { header: "Total", cell: (run) => money(run.total), numeric: true },
        ]}
        rows={runs.data.results}
        rowKey={(run) => run.id}
        empty={status === "open" ? "There are no open runs." : "No runs have been paid yet."}
      />
    </ScrollRegion>
  );
}

/** Finance: payment runs waiting to be paid, and those paid. */
export function PaymentRunsPage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  return (
    <>
      <PageHeading caption={membership.organisation_name}>Payment runs</PageHeading>
      <Link className="govuk-button" to={workspacePath(organisationId, "payment-runs", "new")}>
        Start a payment run
      </Link>
      <Runs organisationId={organisationId} status="open" />
      <Runs organisationId={organisationId} status="paid" />
    </>
  );
}

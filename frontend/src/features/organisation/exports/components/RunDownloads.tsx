import { useQuery } from "@tanstack/react-query";

import { Link } from "react-router";

import { workspacePath } from "../../workspace/sections";
import { runExportsQuery } from "../api/exports";

type Props = { organisationId: number; runId: number };

const HINTS: Record<string, string> = {
  xero: "Import in Xero under Bills to pay: one bill for each person, coded with your nominal codes.",
  "accounts-payable": "For Sage, QuickBooks and other finance systems that let you match columns when you import.",
  xlsx: "The same rows as the accounts payable file, to open in Excel.",
  bank: "Upload to your bank's bulk payments: one payment for each person paid by bank transfer. It holds their full bank details.",
  "bank-others": "Vouchers, cheques, gifts to charities, and people who have not given bank details yet: pay these another way.",
  csv: "Every payment in the run, one line each.",
};

/** A payment run's downloads, each a plain link so the browser saves the file with the session.
 * Every download is logged with who took it. */
export function RunDownloads({ organisationId, runId }: Props) {
  const exports = useQuery(runExportsQuery(organisationId, runId));
  return (
    <section className="cp-section" aria-labelledby={`run-${runId}-downloads`} aria-busy={exports.isPending}>
      <h2 className="govuk-heading-m" id={`run-${runId}-downloads`}>
        Download this run
      </h2>
      {exports.isPending && <p className="govuk-body cp-placeholder">Loading the downloads</p>}
      {exports.isError && <p className="govuk-body">The downloads could not be loaded. Try again in a few minutes.</p>}
      {exports.data && (
        <ul className="govuk-list govuk-list--spaced">
          {exports.data.map((file) => (
            <li key={file.format}>
              <a className="govuk-link govuk-!-font-weight-bold" href={file.url} download={file.filename}>
                {file.label}
              </a>
              <span className="govuk-hint govuk-!-margin-bottom-0">{HINTS[file.format] ?? file.filename}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "settings", "exports")}>
          Change the codes these files use
        </Link>
      </p>
    </section>
  );
}

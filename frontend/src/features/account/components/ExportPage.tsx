import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";

import { EXPORT_URL } from "../api/account";

/** What the download holds, then the download itself. */
export function ExportPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>Download your data</PageHeading>
        <p className="govuk-body">You can download everything Coproduce holds about you, as one zip file. It has:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>your account, profile and benefit details, with their history</li>
          <li>your payment choices, payments and expense claims, with receipts</li>
          <li>your applications, roles and sessions you attended</li>
          <li>your alerts, notifications and letters, with the letters' PDFs</li>
        </ul>
        <p className="govuk-body">
          The file has private information in it. Keep it somewhere safe, and do not send it to anyone you do not trust.
        </p>
        <a className="govuk-button" href={EXPORT_URL} download="coproduce-data.zip">
          Download your data (zip file)
        </a>
        <p className="govuk-body">
          <Link className="govuk-link" to="/me/account">
            Back to your account
          </Link>
        </p>
      </div>
    </div>
  );
}

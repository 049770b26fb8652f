import { Link } from "react-router";

import { PageHeading } from "./PageHeading";

export function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">Go to the home page</Link>
      </p>
    </>
  );
}

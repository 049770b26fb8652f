import { Link } from "react-router";

import { usePageTitle } from "@/hooks/usePageTitle";

export function HomePage() {
  usePageTitle("Get paid for involvement work");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Get paid for involvement work without putting your benefits at risk</h1>
        <p className="govuk-body-l">
          Coproduce helps mental health charities, NHS trusts, universities and user-led groups pay people with lived
          experience for the work they do on advisory groups, interview panels and research.
        </p>
        <h2 className="govuk-heading-m">If you take part</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>Find roles near you or online, and see the pay before you apply.</li>
          <li>Choose how you are paid: the full fee, a lower amount, a capped amount, expenses only, or a gift to a charity.</li>
          <li>See what you have earned against the limits that matter to you, across every organisation you work with.</li>
          <li>Get letters to show your benefits adviser or Jobcentre work coach.</li>
        </ul>
        <p className="govuk-body">
          <Link to="/opportunities" className="govuk-button" role="button" draggable="false">
            Find a role
          </Link>
        </p>
        <p className="govuk-body">
          New here? <Link className="govuk-link" to="/register">Create an account</Link>. Already have one?{" "}
          <Link className="govuk-link" to="/sign-in">Sign in</Link>.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/about/payments">
            How payments can affect benefits
          </Link>
        </p>
        <h2 className="govuk-heading-m">If you run involvement</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>Post involvement roles, log sessions and approve fees and expenses.</li>
          <li>See how much room each person has left before booking more work. You never see their benefits.</li>
        </ul>
        <p className="govuk-body">
          <Link className="govuk-link" to="/register">
            Create an account for your organisation
          </Link>
        </p>
        <h2 className="govuk-heading-m">Check a letter</h2>
        <p className="govuk-body">
          If someone has shown you a Coproduce letter, you can <a className="govuk-link" href="/verify/">check it is genuine</a>.
        </p>
      </div>
    </div>
  );
}

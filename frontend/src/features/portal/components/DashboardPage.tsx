import type { ReactNode } from "react";
import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";

import { AlertsSection } from "./AlertsSection";
import { WhatNeedsDoing } from "./WhatNeedsDoing";

type Props = {
  name: string;
  /** The current period of each limit (the earnings feature's CurrentLimits). */
  limits?: ReactNode;
  /** Upcoming sessions (the roles feature's UpcomingSessions). */
  sessions?: ReactNode;
};

const LINKS = [
  { to: "/me/earnings", label: "Your earnings" },
  { to: "/me/payment-choice", label: "How you are paid" },
  { to: "/me/benefits", label: "Your benefits (private)" },
  { to: "/me/roles", label: "Your roles and sessions" },
];

/** The contributor's dashboard: alerts, limits, what needs doing and upcoming sessions. */
export function DashboardPage({ name, limits, sessions }: Props) {
  return (
    <>
      <PageHeading caption={name}>Your dashboard</PageHeading>
      <nav aria-label="Your pages" className="cp-section">
        <ul className="govuk-list cp-link-list">
          {LINKS.map((link) => (
            <li key={link.to}>
              <Link className="govuk-link" to={link.to}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <AlertsSection />
      <WhatNeedsDoing />
      {limits}
      {sessions}
    </>
  );
}

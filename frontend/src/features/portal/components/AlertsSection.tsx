import { useQuery } from "@tanstack/react-query";

import { Button } from "@/components/Button";
import { Tag } from "@/components/Tag";
import { ApiError } from "@/lib/api";
import { longDate, money } from "@/lib/format";

import { alertsQuery, useAcknowledgeAlert, type Alert } from "../api/portal";
import { alertState, resolutionOf, sortAlerts } from "../hooks/alerts";

const ADVICE =
  "For free, independent advice about benefits and paid involvement, you can contact Citizens Advice, Turn2us or the NIHR Benefits Advice Service for Involvement.";

function AlertCard({ alert }: { alert: Alert }) {
  const acknowledge = useAcknowledgeAlert();
  const state = alertState(alert);
  const resolution = resolutionOf(alert);
  const busy = acknowledge.isPending && acknowledge.variables === alert.id;
  return (
    <li className={`cp-alert cp-alert--${state}`}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        {alert.title}{" "}
        {state === "resolved" ? <Tag colour="green">No longer applies</Tag> : state === "new" ? <Tag colour="orange">New</Tag> : <Tag colour="grey">Seen</Tag>}
      </h3>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        {longDate(alert.period_start)} to {longDate(alert.period_end)}: {money(alert.counted)} counted, limit {money(alert.limit)}
      </p>
      <p className="govuk-body">{alert.message}</p>
      {resolution && (
        <p className="govuk-body">
          This stopped applying on {longDate(resolution.at)}
          {resolution.reason ? `: ${resolution.reason}` : "."}
        </p>
      )}
      {state === "new" && (
        <Button type="button" variant="secondary" busy={busy} busyText="Saving" onClick={() => acknowledge.mutate(alert.id)}>
          I have read this<span className="govuk-visually-hidden">: {alert.title}</span>
        </Button>
      )}
      {acknowledge.isError && acknowledge.variables === alert.id && (
        <p className="govuk-error-message" role="alert">
          {acknowledge.error instanceof ApiError ? acknowledge.error.message : "We could not save that. Try again."}
        </p>
      )}
    </li>
  );
}

/** The dashboard's alerts, with acknowledge and whether each still applies. */
export function AlertsSection() {
  const { data, isPending, isError } = useQuery(alertsQuery);
  const alerts = sortAlerts(data?.results ?? []);
  return (
    <section className="cp-section" aria-labelledby="alerts-heading" aria-busy={isPending}>
      <h2 className="govuk-heading-m" id="alerts-heading">
        Alerts
      </h2>
      {isPending && <p className="govuk-body cp-placeholder">Loading your alerts</p>}
      {isError && <p className="govuk-body">We could not load your alerts just now. Try again in a few minutes.</p>}
      {data && alerts.length === 0 && <p className="govuk-body">You have no alerts. We will tell you here and by e-mail if you get close to a limit.</p>}
      {alerts.length > 0 && (
        <>
          <ul className="govuk-list cp-alerts">
            {alerts.map((alert) => (
              <AlertCard key={alert.id} alert={alert} />
            ))}
          </ul>
          <p className="govuk-body-s">{ADVICE}</p>
        </>
      )}
    </section>
  );
}

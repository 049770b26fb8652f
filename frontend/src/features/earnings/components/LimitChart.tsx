import type { Limit } from "../api/earnings";
import { figure } from "./figure";

/** Where each part of the bar ends, as a share of the scale (0 to 100). */
export function chartScale(limit: Limit) {
  const paid = Number(limit.paid);
  const counted = Number(limit.counted);
  const forecast = Math.max(Number(limit.forecast.amount), counted);
  const cap = Number(limit.limit);
  const top = Math.max(cap, forecast, 1) * 1.1;
  const share = (value: number) => Math.min(100, (value / top) * 100);
  return { paid: share(paid), counted: share(counted), forecast: share(forecast), limit: share(cap) };
}

/** One sentence that says what the bar shows, for people who cannot see it. */
export function chartDescription(limit: Limit): string {
  const parts = [`${figure(limit, limit.paid)} paid`, `${figure(limit, limit.committed)} due`];
  const extra = Number(limit.forecast.amount) - Number(limit.counted);
  if (extra > 0) parts.push(`${figure(limit, extra)} more from booked sessions`);
  return `${limit.title}: ${parts.join(", ")}, against a limit of ${figure(limit, limit.limit)}.`;
}

/** A bar for one limit: paid, due and booked against the limit's line. The same figures are in
 * the table beside it. */
export function LimitChart({ limit }: { limit: Limit }) {
  const scale = chartScale(limit);
  return (
    <figure className="cp-chart">
      <svg className="cp-chart__bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label={chartDescription(limit)} focusable="false">
        <rect x="0" y="1" width="100" height="10" className="cp-chart__track" />
        <rect x="0" y="1" width={scale.forecast} height="10" className="cp-chart__forecast" />
        <rect x="0" y="1" width={scale.counted} height="10" className="cp-chart__due" />
        <rect x="0" y="1" width={scale.paid} height="10" className="cp-chart__paid" />
        <rect x={Math.max(0, scale.limit - 0.6)} y="0" width="1.2" height="12" className="cp-chart__limit" />
      </svg>
      <figcaption className="govuk-body-s cp-chart__key" aria-hidden="true">
        <span className="cp-chart__swatch cp-chart__paid" /> Paid {figure(limit, limit.paid)}
        <span className="cp-chart__swatch cp-chart__due" /> Due {figure(limit, limit.committed)}
        <span className="cp-chart__swatch cp-chart__forecast" /> Booked {figure(limit, limit.forecast.amount)}
        <span className="cp-chart__swatch cp-chart__limit" /> Limit {figure(limit, limit.limit)}
      </figcaption>
    </figure>
  );
}

import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { PageHeading } from "@/components/PageHeading";
import { SummaryList } from "@/components/SummaryList";
import { Tag } from "@/components/Tag";

import { thresholdsQuery, type ThresholdRule } from "../api/thresholds";

const POUNDS = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

export function formatLimit(limit: string): string {
  const amount = Number(limit);
  return Number.isFinite(amount) ? POUNDS.format(amount) : limit;
}

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function formatDay(isoDay: string): string {
  const [year, month, day] = isoDay.split("-").map(Number);
  return year && month && day ? DAY.format(new Date(Date.UTC(year, month - 1, day))) : isoDay;
}

export const ADVICE_LINKS = [
  { href: "https://www.citizensadvice.org.uk/benefits/", label: "Citizens Advice", what: "free, private advice on benefits, online, by phone or in person" },
  { href: "https://www.turn2us.org.uk/", label: "Turn2us", what: "a benefits calculator and help to find grants" },
  { href: "https://www.disabilityrightsuk.org/", label: "Disability Rights UK", what: "guides for disabled people on benefits and work" },
  {
    href: "https://www.nihr.ac.uk/get-involved/support-and-guidance/benefits-advice-service",
    label: "NIHR Benefits Advice Service for Involvement",
    what: "free advice for people who take part in health and care research",
  },
];

export function LimitCard({ rule }: { rule: ThresholdRule }) {
  const confirmed = rule.status === "confirmed";
  return (
    <section className="app-limit" aria-labelledby={`limit-${rule.code}`}>
      <h3 className="govuk-heading-s" id={`limit-${rule.code}`}>
        {rule.title}
      </h3>
      <p className="govuk-body">
        {confirmed ? <Tag colour="green">Confirmed</Tag> : <Tag colour="yellow">Estimated</Tag>}
      </p>
      <SummaryList
        rows={[
          { key: "Benefit", value: rule.benefit_name },
          { key: "Limit", value: formatLimit(rule.limit) },
          { key: "Counted over", value: rule.period_name },
          { key: "What it is for", value: rule.purpose },
          { key: "If you go over it", value: rule.consequence },
          { key: "Vouchers", value: rule.vouchers_count ? "We count vouchers towards this limit" : "We do not count vouchers towards this limit" },
          { key: "In force from", value: formatDay(rule.effective_from) },
          {
            key: "Where this comes from",
            value: (
              <a className="govuk-link" href={rule.source_url} rel="noreferrer">
                {rule.source_title}
              </a>
            ),
          },
        ]}
      />
      {!confirmed && (
        <p className="govuk-body-s">
          This figure is our best estimate. It has not been confirmed by the government yet{rule.note ? `: ${rule.note}` : "."}
        </p>
      )}
      {confirmed && rule.note && <p className="govuk-body-s">{rule.note}</p>}
    </section>
  );
}

function Limits() {
  const { data, isPending, isError } = useQuery(thresholdsQuery);
  if (isPending) return <p className="govuk-body">Loading the limits</p>;
  if (isError) return <p className="govuk-body">We could not load the limits just now. Try again in a few minutes.</p>;
  if (data.rules.length === 0) return <p className="govuk-body">We do not have any limits for today yet.</p>;
  return (
    <>
      <p className="govuk-body">These are the limits in force on {formatDay(data.on)}.</p>
      {data.rules.map((rule) => (
        <LimitCard key={rule.code} rule={rule} />
      ))}
    </>
  );
}

/** What the benefit and tax limits are, what counts towards them, and where to get advice. */
export function PaymentsPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>Payments and benefits</PageHeading>
        <p className="govuk-body-l">
          Some benefits have limits on how much you can earn. Coproduce adds up what you are paid, across every organisation,
          and warns you before you go near a limit.
        </p>
        <div className="govuk-inset-text">
          We cannot tell you what you are entitled to, or whether taking part will change your benefits. Only an adviser who
          knows your whole situation can do that. Free advice is listed at the end of this page.
        </div>

        <h2 className="govuk-heading-m">The limits we keep track of</h2>
        <p className="govuk-body">
          Each limit is for one benefit, or for tax. It only matters to you if you get that benefit. You tell us which ones
          apply to you in your account. Nobody else sees this.
        </p>
        <Limits />

        <h2 className="govuk-heading-m">What counts towards a limit</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>Fees count: money you are paid for your time.</li>
          <li>
            Expenses do not count. Money paid back for what you spent, such as train fares or care, with a receipt, is not
            income.
          </li>
          <li>
            Vouchers may count. Guidance does not agree on this. Some says vouchers are income and some says they are not. To
            be careful, we count them unless a limit says otherwise.
          </li>
          <li>A fee you turn down, lower or give to a charity is not treated as money you earned.</li>
        </ul>

        <h2 className="govuk-heading-m">How you can be paid</h2>
        <p className="govuk-body">It is always your choice. You can change it at any time, for all your roles or for one role.</p>
        <SummaryList
          rows={[
            { key: "Full fee", value: "You are paid the whole fee." },
            { key: "A lower amount", value: "You choose an amount. You are paid that, and the rest is not paid." },
            {
              key: "Capped amount",
              value: "You set the most you want to be paid in a week or a month. For example, with a £20 weekly cap, a £50 fee pays £20.",
            },
            { key: "Expenses only", value: "You are not paid a fee. Your costs are still paid back." },
            { key: "Give the fee to a charity", value: "The organisation gives your fee to a charity you choose." },
          ]}
        />
        <p className="govuk-body">
          You can choose how you are paid after you <Link className="govuk-link" to="/sign-in">sign in</Link>.
        </p>

        <h2 className="govuk-heading-m">Free, independent advice</h2>
        <ul className="govuk-list govuk-list--bullet">
          {ADVICE_LINKS.map((link) => (
            <li key={link.href}>
              <a className="govuk-link" href={link.href} rel="noreferrer">
                {link.label}
              </a>
              : {link.what}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { Tag, type TagColour } from "@/components/Tag";

import type { Earnings, Limit } from "../api/earnings";
import { LimitChart } from "./LimitChart";
import { figure } from "./figure";

const LEVELS: Record<string, { text: string; colour: TagColour }> = {
  ok: { text: "Within the limit", colour: "green" },
  approaching: { text: "Close to the limit", colour: "yellow" },
  reached: { text: "At the limit", colour: "orange" },
  exceeded: { text: "Over the limit", colour: "red" },
};

function LevelTag({ level }: { level: string }) {
  const shown = LEVELS[level] ?? { text: level, colour: "grey" as const };
  return <Tag colour={shown.colour}>{shown.text}</Tag>;
}

function forecastText(limit: Limit): string {
  const sessions = limit.forecast.booked_sessions;
  if (sessions === 0) return "No more sessions booked in this period.";
  const booked = sessions === 1 ? "1 booked session" : `${sessions} booked sessions`;
  return `With ${booked}, this period would reach ${figure(limit, limit.forecast.amount)}.`;
}

/** A limit can show for more than one period (the next ones with sessions booked), so its id
 * and accessible name carry the period too. */
function limitId(limit: Limit): string {
  return `limit-${limit.key}-${limit.period.start}`;
}

/** Each limit that applies: a bar chart of the period and, for every reader, a table of the
 * same figures. `headingLevel` keeps the page's heading order. */
export function LimitsSummary({ earnings, headingLevel = 3 }: { earnings: Earnings; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  if (earnings.limits.length === 0) {
    return <p className="govuk-body">{earnings.note || "No earnings limits apply to you on this date."}</p>;
  }
  return (
    <>
      {earnings.limits.map((limit) => (
        <section key={limitId(limit)} className="cp-limit" aria-labelledby={`${limitId(limit)} ${limitId(limit)}-period`}>
          <Heading className="govuk-heading-s govuk-!-margin-bottom-1" id={limitId(limit)}>
            {limit.title}
          </Heading>
          <p className="govuk-body-s govuk-!-margin-bottom-2">
            <span id={`${limitId(limit)}-period`}>{limit.period.label}</span> <LevelTag level={limit.level} />
          </p>
          <LimitChart limit={limit} />
          <p className="govuk-body-s">
            {Number(limit.headroom) > 0 ? `${figure(limit, limit.headroom)} of room left in this period. ` : "No room left in this period. "}
            {forecastText(limit)}
          </p>
        </section>
      ))}
      <ScrollRegion label={"The same figures as a table"}>
        <Table
          caption="The same figures as a table"
          rows={earnings.limits}
          rowKey={limitId}
          empty=""
          columns={[
            { header: "What it is", cell: (limit) => limit.title },
            { header: "Period", cell: (limit) => limit.period.label },
            { header: "Counted so far", cell: (limit) => figure(limit, limit.counted), numeric: true },
            { header: "Of which due, not paid yet", cell: (limit) => figure(limit, limit.committed), numeric: true },
            { header: "Limit", cell: (limit) => figure(limit, limit.limit), numeric: true },
            { header: "Room left", cell: (limit) => figure(limit, limit.headroom), numeric: true },
            { header: "With booked sessions", cell: (limit) => figure(limit, limit.forecast.amount), numeric: true },
          ]}
        />
      </ScrollRegion>
      {earnings.note && <p className="govuk-body-s">{earnings.note}</p>}
    </>
  );
}

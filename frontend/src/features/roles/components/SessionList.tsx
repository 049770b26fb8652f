import { useQueries } from "@tanstack/react-query";

import { Button } from "@/components/Button";
import { ScrollRegion } from "@/components/ScrollRegion";
import { Table } from "@/components/Table";
import { clockTime, downloadFile, todayIso, weekdayDate } from "@/lib/format";

import { sessionsQuery, type Engagement, type Session } from "../api/roles";
import { sessionIcs } from "../hooks/calendar";

type Row = { session: Session; title: string; organisation: string };

/** The sessions of the given engagements from today on, soonest first. */
export function useUpcomingSessions(engagements: Engagement[]) {
  const active = engagements.filter((e) => e.status === "active");
  const results = useQueries({ queries: active.map((e) => sessionsQuery(e.opportunity.id)) });
  const today = todayIso();
  const rows: Row[] = [];
  results.forEach((result, index) => {
    const engagement = active[index];
    if (!engagement) return;
    for (const session of result.data ?? []) {
      if (session.date >= today) rows.push({ session, title: engagement.opportunity.title, organisation: engagement.opportunity.organisation_name });
    }
  });
  rows.sort((a, b) => `${a.session.date}${a.session.start_time}`.localeCompare(`${b.session.date}${b.session.start_time}`));
  return { rows, isPending: results.some((r) => r.isPending), isError: results.some((r) => r.isError) };
}

export function SessionTable({ rows, caption, limit }: { rows: Row[]; caption: string; limit?: number }) {
  return (
    <ScrollRegion label={caption}>
      <Table
        caption={caption}
        rows={limit ? rows.slice(0, limit) : rows}
        rowKey={(row) => row.session.id}
        empty="You have no sessions booked."
        columns={[
          { header: "When", cell: (row) => `${weekdayDate(row.session.date)}, ${clockTime(row.session.start_time)} to ${clockTime(row.session.end_time)}` },
          { header: "Role", cell: (row) => `${row.title} (${row.organisation})` },
          { header: "Where", cell: (row) => (row.session.online_link ? "Online" : row.session.location || "To be confirmed") },
          {
            header: "Calendar",
            cell: (row) => (
              <Button
                type="button"
                variant="secondary"
                className="govuk-!-margin-bottom-0"
                onClick={() => downloadFile(`coproduce-session-${row.session.id}.ics`, "text/calendar;charset=utf-8", sessionIcs(row.session, row.title))}
              >
                Add to calendar<span className="govuk-visually-hidden">: {row.title} on {weekdayDate(row.session.date)}</span>
              </Button>
            ),
          },
        ]}
      />
    </ScrollRegion>
  );
}

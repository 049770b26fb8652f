import { describe, expect, it } from "vitest";

import { sessionIcs } from "./calendar";

describe("sessionIcs", () => {
  it("writes one event in UK time with escaped text", () => {
    const ics = sessionIcs(
      { id: 9, opportunity_id: 1, date: "2026-12-03", start_time: "10:30:00", end_time: "12:00:00", location: "Room 2, Town Hall", online_link: "", planned_hours: "1.5", status: "scheduled", cancelled_reason: "", cancelled_at: null },
      "Advisory group; December",
      new Date("2026-12-02T09:00:00Z"),
    );
    const lines = ics.split("\r\n");
    expect(lines).toContain("DTSTART;TZID=Europe/London:20261203T103000");
    expect(lines).toContain("DTEND;TZID=Europe/London:20261203T120000");
    expect(lines).toContain("SUMMARY:Advisory group\\; December");
    expect(lines).toContain("LOCATION:Room 2\\, Town Hall");
    expect(lines).toContain("DTSTAMP:20261202T090000Z");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
  });
});

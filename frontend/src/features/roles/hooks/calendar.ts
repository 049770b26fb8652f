import type { Session } from "../api/roles";

function icsText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function localStamp(date: string, time: string): string {
  return `${date.replace(/-/g, "")}T${time.slice(0, 8).replace(/:/g, "").padEnd(6, "0")}`;
}

/** A calendar file (RFC 5545) for one session, in UK time, as calendars on phones read it. */
export function sessionIcs(session: Session, title: string, now: Date = new Date()): string {
  const stamp = `${now.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
  const description = session.online_link ? `Join online: ${session.online_link}` : "";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Coproduce//Sessions//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    `UID:session-${session.id}@coproduce`,
    `DTSTAMP:${stamp}`,
    `DTSTART;TZID=Europe/London:${localStamp(session.date, session.start_time)}`,
    `DTEND;TZID=Europe/London:${localStamp(session.date, session.end_time)}`,
    `SUMMARY:${icsText(title)}`,
    session.location ? `LOCATION:${icsText(session.location)}` : "",
    description ? `DESCRIPTION:${icsText(description)}` : "",
    "END:VEVENT",
    "END:VCALENDAR",
  ].filter(Boolean);
  return `${lines.join("\r\n")}\r\n`;
}

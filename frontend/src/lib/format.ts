/** Money, dates and times as the interface shows them (en-GB, UK time). */

const longDateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const weekdayDateFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const shortDateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });

function parseIsoDate(iso: string): Date {
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

/** "£20.00" from the API's decimal string. */
export function money(amount: string | number): string {
  const value = typeof amount === "number" ? amount : Number(amount);
  return `£${value.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** "3 December 2026" */
export function longDate(iso: string): string {
  return longDateFormat.format(parseIsoDate(iso));
}

/** "Thursday 3 December 2026" */
export function weekdayDate(iso: string): string {
  return weekdayDateFormat.format(parseIsoDate(iso));
}

/** "3 December" */
export function shortDate(iso: string): string {
  return shortDateFormat.format(parseIsoDate(iso));
}

/** "10:30" from the API's "10:30:00". */
export function clockTime(time: string): string {
  return time.slice(0, 5);
}

/** Today's date in the reader's own calendar, as the API writes dates ("2026-12-03"). */
export function todayIso(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

/** The ISO date `days` after (or before, when negative) `iso`. */
export function addDays(iso: string, days: number): string {
  const date = parseIsoDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Every page of a paginated list, for lists a person's own data keeps short. */
export async function allPages<T>(fetchPage: (page: number) => Promise<{ next?: string | null; results: T[] }>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; page < 100; page += 1) {
    const answer = await fetchPage(page);
    rows.push(...answer.results);
    if (!answer.next) break;
  }
  return rows;
}

/** Offers a file made in the browser for download. */
export function downloadFile(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The role search's filters, read from and written to the address's query string, so a search
 * can be shared, bookmarked and reloaded, and the browser's back button undoes a filter. */
export type RoleFilters = {
  q: string;
  involvementTypes: string[];
  /** "" for either, "remote" or "in-person". */
  remote: "" | "remote" | "in-person";
  place: string;
  /** "" for either, "paid" or "expenses-only". */
  pay: "" | "paid" | "expenses-only";
  page: number;
};

export const INVOLVEMENT_TYPES: { value: string; label: string }[] = [
  { value: "advisory_group", label: "Advisory group" },
  { value: "interview_panel", label: "Interview panel" },
  { value: "co_research", label: "Co-research" },
  { value: "co_design_workshop", label: "Co-design workshop" },
  { value: "training_delivery", label: "Training delivery" },
  { value: "consultation", label: "Consultation" },
  { value: "lived_experience_review", label: "Lived-experience review" },
  { value: "other", label: "Other" },
];

const KNOWN_TYPES = new Set(INVOLVEMENT_TYPES.map((type) => type.value));

export function involvementLabel(value: string): string {
  return INVOLVEMENT_TYPES.find((type) => type.value === value)?.label ?? value;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | "" {
  return allowed.includes(value as T) ? (value as T) : "";
}

/** Filters from the query string; anything unknown is ignored rather than sent to the API. */
export function filtersFrom(params: URLSearchParams): RoleFilters {
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    q: (params.get("q") ?? "").trim(),
    involvementTypes: params.getAll("type").filter((type) => KNOWN_TYPES.has(type)),
    remote: oneOf(params.get("where"), ["remote", "in-person"] as const),
    place: (params.get("place") ?? "").trim(),
    pay: oneOf(params.get("pay"), ["paid", "expenses-only"] as const),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The query string for some filters: empty filters and page 1 are left out. */
export function paramsFrom(filters: RoleFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  for (const type of filters.involvementTypes) params.append("type", type);
  if (filters.remote) params.set("where", filters.remote);
  if (filters.place) params.set("place", filters.place);
  if (filters.pay) params.set("pay", filters.pay);
  if (filters.page > 1) params.set("page", String(filters.page));
  return params;
}

/** Filters as the search form's fields hold them (a new search starts at page 1). */
export function filtersFromForm(form: FormData): RoleFilters {
  const params = new URLSearchParams();
  form.forEach((value, key) => {
    if (typeof value === "string" && value !== "") params.append(key, value);
  });
  return { ...filtersFrom(params), page: 1 };
}

const DAY = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "Wednesday 3 December 2026" from "2026-12-03" (a calendar day, not a moment). */
export function formatDay(isoDay: string): string {
  const [year, month, day] = isoDay.split("-").map(Number);
  if (!year || !month || !day) return isoDay;
  return DAY.format(new Date(Date.UTC(year, month - 1, day))).replace(",", "");
}

/** "10:00am" from "10:00:00". */
export function formatTime(time: string): string {
  const [hours, minutes] = time.split(":").map(Number);
  if (hours === undefined || minutes === undefined || Number.isNaN(hours) || Number.isNaN(minutes)) return time;
  const suffix = hours < 12 ? "am" : "pm";
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return `${twelve}:${String(minutes).padStart(2, "0")}${suffix}`;
}

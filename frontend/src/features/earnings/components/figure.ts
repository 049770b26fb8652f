import { money } from "@/lib/format";

import type { Limit } from "../api/earnings";

/** A limit's figure in its own unit: pounds, or hours (ESA's 16-hours-a-week condition). */
export function figure(limit: Pick<Limit, "unit">, amount: string | number): string {
  if (limit.unit !== "hours") return money(amount);
  const value = typeof amount === "number" ? amount : Number(amount);
  const text = value.toLocaleString("en-GB", { maximumFractionDigits: 2 });
  return `${text} ${value === 1 ? "hour" : "hours"}`;
}

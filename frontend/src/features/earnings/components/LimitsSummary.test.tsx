import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Earnings, Limit } from "../api/earnings";
import { chartScale } from "./LimitChart";
import { LimitsSummary } from "./LimitsSummary";

const limit: Limit = {
  key: "esa_pw_lower",
  title: "ESA permitted work: lower limit",
  benefit: "ESA",
  purpose: "",
  consequence: "",
  period: { kind: "benefit_week", start: "2026-11-30", end: "2026-12-06", label: "Monday 30 November 2026 to Sunday 6 December 2026" },
  paid: "5.00",
  committed: "10.00",
  counted: "15.00",
  limit: "20.00",
  headroom: "5.00",
  level: "approaching",
  forecast: { amount: "25.00", level: "exceeded", booked_sessions: 1 },
  vouchers_count: true,
  figure_status: "confirmed",
  source_title: "",
  source_url: "",
  unit: "money",
};
const earnings: Earnings = { on: "2026-12-02", limits: [limit], note: "" };

describe("LimitsSummary", () => {
  it("describes the chart in words and gives the same figures in a table", () => {
    render(<LimitsSummary earnings={earnings} />);

    expect(screen.getByRole("img")).toHaveAccessibleName(
      "ESA permitted work: lower limit: £5.00 paid, £10.00 due, £10.00 more from booked sessions, against a limit of £20.00.",
    );
    const table = screen.getByRole("table", { name: "The same figures as a table" });
    const cells = within(table).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells).toEqual(["ESA permitted work: lower limit", limit.period.label, "£15.00", "£10.00", "£20.00", "£5.00", "£25.00"]);
    expect(screen.getByText("Close to the limit")).toBeInTheDocument();
    expect(screen.getByText(/With 1 booked session, this period would reach £25.00/)).toBeInTheDocument();
  });

  it("names each period of the same limit apart", () => {
    const next = { ...limit, period: { kind: "benefit_week", start: "2026-12-07", end: "2026-12-13", label: "Monday 7 December 2026 to Sunday 13 December 2026" } };
    render(<LimitsSummary earnings={{ ...earnings, limits: [limit, next] }} />);

    const regions = screen.getAllByRole("region", { name: /^ESA permitted work: lower limit/ });
    expect(regions).toHaveLength(2);
    expect(regions[0]).toHaveAccessibleName(`ESA permitted work: lower limit ${limit.period.label}`);
    expect(regions[1]).toHaveAccessibleName(`ESA permitted work: lower limit ${next.period.label}`);
  });

  it("draws a limit of nothing without dividing by zero", () => {
    const scale = chartScale({ ...limit, paid: "0", committed: "0", counted: "0", limit: "0.00", forecast: { amount: "0", level: "ok", booked_sessions: 0 } });
    expect(Object.values(scale).every(Number.isFinite)).toBe(true);
  });

  it("says so when no limit applies", () => {
    render(<LimitsSummary earnings={{ on: "2026-12-02", limits: [], note: "" }} />);
    expect(screen.getByText("No earnings limits apply to you on this date.")).toBeInTheDocument();
  });
});

import { describe, expect, it } from "vitest";

import { addDays, longDate, money, todayIso } from "./format";

describe("format", () => {
  it("writes money with pence and thousands", () => {
    expect(money("20")).toBe("£20.00");
    expect(money("1000.5")).toBe("£1,000.50");
  });

  it("writes dates in words and moves across months", () => {
    expect(longDate("2026-12-03")).toBe("3 December 2026");
    expect(addDays("2026-11-30", -1)).toBe("2026-11-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("gives today as the API writes dates", () => {
    expect(todayIso(new Date(2026, 11, 3, 23, 30))).toBe("2026-12-03");
  });
});

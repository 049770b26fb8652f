import { describe, expect, it } from "vitest";

import { filtersFrom, filtersFromForm, formatDay, formatTime, paramsFrom } from "./roleFilters";

describe("role search filters in the address", () => {
  it("read every filter and survive a round trip", () => {
    const params = new URLSearchParams("q=panel&type=interview_panel&type=consultation&where=remote&place=Leeds&pay=paid&page=3");

    const filters = filtersFrom(params);

    expect(filters).toEqual({
      q: "panel",
      involvementTypes: ["interview_panel", "consultation"],
      remote: "remote",
      place: "Leeds",
      pay: "paid",
      page: 3,
    });
    expect(paramsFrom(filters).toString()).toBe(params.toString());
  });

  it("ignore values the search does not know instead of sending them on", () => {
    const filters = filtersFrom(new URLSearchParams("type=knitting&where=moon&pay=lots&page=-2"));

    expect(filters).toEqual({ q: "", involvementTypes: [], remote: "", place: "", pay: "", page: 1 });
    expect(paramsFrom(filters).toString()).toBe("");
  });

  it("start a new search from the form at page 1, leaving out empty fields", () => {
    const form = new FormData();
    form.append("q", "");
    form.append("type", "co_research");
    form.append("where", "in-person");
    form.append("pay", "");

    expect(paramsFrom(filtersFromForm(form)).toString()).toBe("type=co_research&where=in-person");
  });
});

describe("dates and times", () => {
  it("write a calendar day in full whatever the computer's time zone", () => {
    expect(formatDay("2026-12-03")).toBe("Thursday 3 December 2026");
  });

  it("write times the way people say them", () => {
    expect(formatTime("10:00:00")).toBe("10:00am");
    expect(formatTime("13:30:00")).toBe("1:30pm");
    expect(formatTime("00:15:00")).toBe("12:15am");
  });
});

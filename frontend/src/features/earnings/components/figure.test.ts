import { describe, expect, it } from "vitest";

import { figure } from "./figure";

describe("figure", () => {
  it("shows money limits in pounds", () => {
    expect(figure({ unit: "money" }, "20")).toBe("£20.00");
  });

  it("shows the ESA hours condition in hours", () => {
    expect(figure({ unit: "hours" }, "16.00")).toBe("16 hours");
    expect(figure({ unit: "hours" }, "1")).toBe("1 hour");
    expect(figure({ unit: "hours" }, "2.5")).toBe("2.5 hours");
  });
});

import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { pageTitle, usePageTitle } from "./usePageTitle";

describe("page titles", () => {
  it("name the page and the service", () => {
    renderHook(() => usePageTitle("Sign in"));
    expect(document.title).toBe("Sign in – Coproduce");
  });

  it("start with Error when the form has errors", () => {
    expect(pageTitle("Sign in", true)).toBe("Error: Sign in – Coproduce");
  });
});

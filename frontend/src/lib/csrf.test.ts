import { describe, expect, it } from "vitest";

import { isSafeMethod, readCsrfToken } from "./csrf";

describe("CSRF", () => {
  it("reads Django's csrftoken cookie among others", () => {
    expect(readCsrfToken("sessionid=abc; csrftoken=tok%3D1; theme=dark")).toBe("tok=1");
  });

  it("has no token when the cookie is missing", () => {
    expect(readCsrfToken("sessionid=abc")).toBeNull();
  });

  it("sends the token only on writes", () => {
    expect(isSafeMethod("get")).toBe(true);
    expect(isSafeMethod("POST")).toBe(false);
  });
});

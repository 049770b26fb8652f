import { afterEach, describe, expect, it, vi } from "vitest";

import { csrfToken, forgetCsrfToken, isSafeMethod, readCsrfCookie, rotatesCsrfToken } from "./csrf";

afterEach(() => forgetCsrfToken());

function answer(body: unknown, status = 200) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));
}

describe("CSRF", () => {
  it("asks the API for the token once and keeps it", async () => {
    const fetcher = answer({ csrf_token: "tok-1" });
    expect(await csrfToken(fetcher)).toBe("tok-1");
    expect(await csrfToken(fetcher)).toBe("tok-1");
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it("asks again after the token is forgotten", async () => {
    const fetcher = answer({ csrf_token: "tok-2" });
    await csrfToken(fetcher);
    forgetCsrfToken();
    await csrfToken(fetcher);
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it("has no token when the API does not give one", async () => {
    expect(await csrfToken(answer({ message: "no", code: "x" }, 500))).toBeNull();
  });

  it("uses a readable csrftoken cookie where there is one", () => {
    expect(readCsrfCookie("sessionid=abc; csrftoken=tok%3D1")).toBe("tok=1");
    expect(readCsrfCookie("sessionid=abc")).toBeNull();
  });

  it("knows which answers rotate the token", () => {
    expect(rotatesCsrfToken("/api/v1/auth/login/", 200)).toBe(true);
    expect(rotatesCsrfToken("/api/v1/auth/logout/", 204)).toBe(true);
    expect(rotatesCsrfToken("/api/v1/me/benefits/", 403)).toBe(true);
    expect(rotatesCsrfToken("/api/v1/me/benefits/", 200)).toBe(false);
  });

  it("sends the token only on writes", () => {
    expect(isSafeMethod("get")).toBe(true);
    expect(isSafeMethod("POST")).toBe(false);
  });
});

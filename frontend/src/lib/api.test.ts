import { afterEach, describe, expect, it, vi } from "vitest";

import { api, ApiError, unwrap } from "./api";
import { forgetCsrfToken } from "./csrf";

afterEach(() => {
  vi.unstubAllGlobals();
  forgetCsrfToken();
});

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn<(request: Request) => Promise<Response>>(async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

describe("the API client", () => {
  it("throws the API's error as an ApiError with fields as lists", async () => {
    stubFetch(400, { message: "Some of the information is not right.", code: "invalid", fields: { email: ["Enter a valid email address."] } });

    const call = unwrap(api.POST("/api/v1/auth/login/", { body: { email: "x", password: "y" } }));

    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ status: 400, code: "invalid", fields: { email: ["Enter a valid email address."] } });
  });

  it("sends the CSRF token from auth/csrf/ on writes, and asks again after signing in", async () => {
    let issued = 0;
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const body = url.endsWith("/auth/csrf/") ? { csrf_token: `token-${++issued}` } : { id: 1 };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    });
    vi.stubGlobal("fetch", fetchMock);

    await api.POST("/api/v1/auth/login/", { body: { email: "a@example.org", password: "secret" } });
    await api.POST("/api/v1/auth/logout/");

    const writes = fetchMock.mock.calls.map(([input]) => input).filter((input): input is Request => input instanceof Request);
    expect(writes.map((request) => request.headers.get("X-CSRFToken"))).toEqual(["token-1", "token-2"]);
  });

  it("sends a write once more with a fresh token when Django refuses a stale one", async () => {
    let issued = 0;
    let refused = false;
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith("/auth/csrf/")) return new Response(JSON.stringify({ csrf_token: `token-${++issued}` }), { status: 200 });
      if (!refused) {
        refused = true;
        return new Response(JSON.stringify({ message: "CSRF Failed: CSRF token incorrect.", code: "permission_denied", fields: {} }), { status: 403 });
      }
      return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { "Content-Type": "application/json" } });
    });
    vi.stubGlobal("fetch", fetchMock);

    const { response } = await api.POST("/api/v1/auth/logout/");

    expect(response.status).toBe(200);
    const writes = fetchMock.mock.calls.map(([input]) => input).filter((input): input is Request => input instanceof Request);
    expect(writes.map((request) => request.headers.get("X-CSRFToken"))).toEqual(["token-1", "token-2"]);
  });

  it("gives a plain message when the answer is not the API's error shape", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<h1>Bad gateway</h1>", { status: 502 })));

    await expect(unwrap(api.GET("/api/v1/me/"))).rejects.toMatchObject({ status: 502, code: "unexpected" });
  });
});

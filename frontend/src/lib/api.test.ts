import { afterEach, describe, expect, it, vi } from "vitest";

import { api, ApiError, unwrap } from "./api";

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT";
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

  it("sends the CSRF token from the cookie on writes", async () => {
    document.cookie = "csrftoken=token-1";
    const fetchMock = stubFetch(200, { id: 1 });

    await api.POST("/api/v1/auth/login/", { body: { email: "a@example.org", password: "secret" } });

    const request = fetchMock.mock.calls[0]?.[0];
    expect(request?.headers.get("X-CSRFToken")).toBe("token-1");
  });

  it("gives a plain message when the answer is not the API's error shape", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<h1>Bad gateway</h1>", { status: 502 })));

    await expect(unwrap(api.GET("/api/v1/me/"))).rejects.toMatchObject({ status: 502, code: "unexpected" });
  });
});

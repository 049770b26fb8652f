import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "@/lib/api";
import { forgetCsrfToken } from "@/lib/csrf";

import { claimFormData } from "./expenses";
import { postWithProgress } from "./upload";

/** A stand-in XMLHttpRequest the test drives: progress events, then an answer. */
class FakeRequest {
  static last: FakeRequest | null = null;
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  responseText = "";
  withCredentials = false;
  headers: Record<string, string> = {};
  method = "";
  url = "";
  body: unknown = null;
  constructor() {
    FakeRequest.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === "string" ? body : JSON.stringify(body);
    this.onload?.();
  }
}

function fakeXhr() {
  vi.stubGlobal("XMLHttpRequest", FakeRequest);
  document.cookie = "csrftoken=token-123";
}

beforeEach(() => {
  FakeRequest.last = null;
  forgetCsrfToken();
  // The token the API gives from auth/csrf/ (the cookie itself is HttpOnly).
  vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ csrf_token: "token-123" }), { status: 200 })));
});
afterEach(() => vi.unstubAllGlobals());

/** The request, once the CSRF token has come back and it has been opened. */
async function opened(): Promise<FakeRequest> {
  await vi.waitFor(() => expect(FakeRequest.last).not.toBeNull());
  return FakeRequest.last!;
}

describe("postWithProgress", () => {
  it("reports each upload progress event and resolves with the answer", async () => {
    fakeXhr();
    const progress = vi.fn();
    const sent = postWithProgress<{ id: number }>("/api/v1/expense-claims/", new FormData(), progress, { "Idempotency-Key": "k1" });
    const request = await opened();
    request.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 });
    request.upload.onprogress?.({ lengthComputable: true, loaded: 200, total: 200 });
    request.answer(201, { id: 7 });

    await expect(sent).resolves.toEqual({ id: 7 });
    expect(progress.mock.calls).toEqual([[{ loaded: 50, total: 200 }], [{ loaded: 200, total: 200 }]]);
    expect(request.headers["X-CSRFToken"]).toBe("token-123");
    expect(request.headers["Idempotency-Key"]).toBe("k1");
    expect(request.method).toBe("POST");
  });

  it("turns the API's error into an ApiError with its fields", async () => {
    fakeXhr();
    const sent = postWithProgress("/api/v1/expense-claims/", new FormData(), vi.fn());
    (await opened()).answer(413, { message: "A receipt is too large.", code: "request_too_large", fields: { receipt_0: ["Each receipt must be 10 MB or smaller."] } });

    const error = await sent.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
    expect((error as ApiError).fields).toEqual({ receipt_0: ["Each receipt must be 10 MB or smaller."] });
  });

  it("explains a too-large request even when the answer is not the API's", async () => {
    fakeXhr();
    const sent = postWithProgress("/api/v1/expense-claims/", new FormData(), vi.fn());
    (await opened()).answer(413, "<html>Request Entity Too Large</html>");

    await expect(sent).rejects.toMatchObject({ code: "request_too_large", status: 413 });
  });

  it("says to check the connection when the request never arrives", async () => {
    fakeXhr();
    const sent = postWithProgress("/api/v1/expense-claims/", new FormData(), vi.fn());
    (await opened()).onerror?.();

    await expect(sent).rejects.toMatchObject({ code: "network" });
  });
});

describe("claimFormData", () => {
  it("sends items as JSON and each receipt as receipt_N for item N", () => {
    const receipt = new File(["%PDF"], "bus.pdf", { type: "application/pdf" });
    const body = claimFormData({
      organisation: 3,
      note: "",
      items: [
        { category: "mileage", description: "Drive", spent_on: "2026-11-30", miles: "12" },
        { category: "travel", description: "Bus", spent_on: "2026-11-30", amount: "4.50" },
      ],
      receipts: [null, receipt],
      idempotencyKey: "k",
    });

    expect(body.get("organisation")).toBe("3");
    expect(JSON.parse(String(body.get("items")))).toHaveLength(2);
    expect(body.get("receipt_0")).toBeNull();
    expect((body.get("receipt_1") as File).name).toBe("bus.pdf");
    expect(body.has("note")).toBe(false);
  });
});

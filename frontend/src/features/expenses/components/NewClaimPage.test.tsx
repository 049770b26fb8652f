import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { NewClaimPage } from "./NewClaimPage";

type Progress = (event: { lengthComputable: boolean; loaded: number; total: number }) => void;

class FakeRequest {
  static last: FakeRequest | null = null;
  upload: { onprogress: Progress | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  responseText = "";
  withCredentials = false;
  body: FormData | null = null;
  constructor() {
    FakeRequest.last = this;
  }
  open() {}
  setRequestHeader() {}
  send(body: FormData) {
    this.body = body;
  }
}

const engagements = {
  count: 1,
  next: null,
  previous: null,
  results: [{ id: 1, opportunity: { id: 2, title: "Panel", status: "published", organisation_id: 5, organisation_name: "Mind in Camden" } }],
};

function renderPage() {
  vi.stubGlobal("fetch", vi.fn().mockResolvedValue(new Response(JSON.stringify(engagements), { status: 200, headers: { "Content-Type": "application/json" } })));
  vi.stubGlobal("XMLHttpRequest", FakeRequest);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <NewClaimPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeRequest.last = null;
});

describe("NewClaimPage", () => {
  it("says a wrong file is wrong before sending anything", async () => {
    const user = userEvent.setup({ applyAccept: false });
    renderPage();
    await user.upload(await screen.findByLabelText("Receipt"), new File(["hi"], "notes.txt", { type: "text/plain" }));
    await user.click(screen.getByRole("button", { name: "Send claim" }));

    expect(await screen.findByRole("link", { name: /Item 1 receipt: Choose a photo/ })).toHaveAttribute("href", "#receipt_0");
    expect(FakeRequest.last).toBeNull();
  });

  it("shows the upload's progress on the page and the button, then the confirmation", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(await screen.findByLabelText("What it was for"), "Bus fare");
    await user.type(screen.getByLabelText("Date"), "2026-11-30");
    await user.type(screen.getByLabelText("Amount in pounds"), "4.50");
    await user.upload(screen.getByLabelText("Receipt"), new File(["png"], "ticket.png", { type: "image/png" }));
    await user.click(screen.getByRole("button", { name: "Send claim" }));

    await waitFor(() => expect(FakeRequest.last?.body).not.toBeNull());
    const request = FakeRequest.last!;
    expect((request.body!.get("receipt_0") as File).name).toBe("ticket.png");
    expect(JSON.parse(String(request.body!.get("items")))).toEqual([{ category: "travel", description: "Bus fare", spent_on: "2026-11-30", amount: "4.50" }]);

    request.upload.onprogress?.({ lengthComputable: true, loaded: 30, total: 120 });
    expect(await screen.findByText("Sending your claim: 25%")).toBeInTheDocument();
    expect(screen.getByRole("progressbar")).toHaveAttribute("value", "25");
    expect(screen.getByRole("button", { name: "Sending, 25%" })).toHaveAttribute("aria-disabled", "true");

    request.status = 201;
    request.responseText = JSON.stringify({ id: 9, organisation_name: "Mind in Camden", items: [] });
    request.onload?.();
    expect(await screen.findByRole("heading", { name: "Claim sent" })).toBeInTheDocument();
  });
});

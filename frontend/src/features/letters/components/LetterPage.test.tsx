import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { letterRefetchInterval } from "../api/letters";
import { LetterPage } from "./LetterPage";

const base = {
  id: 4,
  reference: "CP-ABC123",
  kind: "benefits_advisor",
  kind_label: "Letter for benefits advisors",
  organisation: { id: 1, name: "Mind in Camden" },
  contributor: { id: 2, full_name: "Sam" },
  period_start: "2026-11-01",
  period_end: "2026-11-30",
  template_version: "1",
  sha256: "",
  issued_by: "",
  issued_at: null,
  revoked_at: null,
  revoked_reason: "",
  supersedes: null,
  superseded_by: null,
  created_at: "2026-12-01T10:00:00Z",
};

function answer(status: string, extra: object = {}) {
  return new Response(JSON.stringify({ ...base, status, status_label: status === "rendering" ? "Being made" : "Issued", ...extra }), {
    status: 200,
    headers: { "Content-Type": "application/json" },
  });
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <LetterPage letterId={4} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("letterRefetchInterval", () => {
  it("asks again while the letter is being made and stops once it is issued or failed", () => {
    expect(letterRefetchInterval({ status: "requested" })).toBe(2000);
    expect(letterRefetchInterval({ status: "requested", waiting_for_issue: true })).toBe(30000);
    expect(letterRefetchInterval({ status: "rendering" })).toBe(2000);
    expect(letterRefetchInterval({ status: "issued" })).toBe(false);
    expect(letterRefetchInterval({ status: "failed" })).toBe(false);
    expect(letterRefetchInterval(undefined)).toBe(false);
  });
});

describe("LetterPage", () => {
  it("announces the letter being made, then offers the download when it is issued, without a reload", async () => {
    const fetch = vi.fn().mockResolvedValueOnce(answer("rendering")).mockResolvedValue(answer("issued", { issued_at: "2026-12-01T10:01:00Z" }));
    vi.stubGlobal("fetch", fetch);
    renderPage();

    expect(await screen.findByText(/Your letter is being made/)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(/being made/);
    expect(screen.queryByRole("link", { name: /Download/ })).not.toBeInTheDocument();

    expect(await screen.findByText("Your letter is ready to download.", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Download the letter (PDF)" })).toHaveAttribute("href", "/api/v1/letters/4/pdf/");
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("shows a replaced letter with the reference of the new one", async () => {
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(answer("revoked", { superseded_by: "CP-NEW999", revoked_reason: "The dates were wrong." })));
    renderPage();

    expect(await screen.findByText(/replaced by letter CP-NEW999/)).toBeInTheDocument();
    expect(screen.getByText("The dates were wrong.")).toBeInTheDocument();
  });
});

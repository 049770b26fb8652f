import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { RunDownloads } from "./RunDownloads";

afterEach(() => vi.unstubAllGlobals());

const BASE = "/api/v1/organisations/1/payment-runs/5/exports/";

describe("a run's downloads", () => {
  it("lists each file from the run's export list as a download link", async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        calls.push(new URL(input.url).pathname);
        const results = [
          { format: "xero", label: "Xero bills import (CSV)", filename: "RUN-1-xero-bills.csv", content_type: "text/csv; charset=utf-8", url: `${BASE}xero/` },
          { format: "bank", label: "Bank bulk payment file (BACS CSV)", filename: "RUN-1-bank-payments.csv", content_type: "text/csv; charset=utf-8", url: `${BASE}bank/` },
        ];
        return new Response(JSON.stringify({ count: 2, next: null, previous: null, results }), { status: 200, headers: { "Content-Type": "application/json" } });
      }),
    );
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter>
          <RunDownloads organisationId={1} runId={5} />
        </MemoryRouter>
      </QueryClientProvider>,
    );

    const xero = await screen.findByRole("link", { name: "Xero bills import (CSV)" });
    expect(xero).toHaveAttribute("href", `${BASE}xero/`);
    expect(xero).toHaveAttribute("download", "RUN-1-xero-bills.csv");
    expect(screen.getByRole("link", { name: "Bank bulk payment file (BACS CSV)" })).toHaveAttribute("href", `${BASE}bank/`);
    expect(screen.getByText(/It holds their full bank details/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Change the codes these files use" })).toHaveAttribute("href", "/organisations/1/settings/exports");
    expect(calls).toEqual([BASE]);
  });
});

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Audience } from "../api/notifications";
import { NotificationSettingsPage } from "./NotificationSettingsPage";

function json(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

function renderPage(audience: Audience, muted: string[]) {
  const saved: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      if (request.method !== "PUT") return json({ email_enabled: true, email_muted_kinds: muted });
      const body: unknown = await request.json();
      saved.push(body);
      return json(body);
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <NotificationSettingsPage audience={audience} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return saved;
}

async function choices() {
  const group = await screen.findByRole("group", { name: "Which e-mails do you want?" });
  return within(group).getAllByRole("checkbox");
}

afterEach(() => vi.unstubAllGlobals());

describe("NotificationSettingsPage", () => {
  it("lists a contributor's kinds of e-mail in plain words, and none for staff", async () => {
    renderPage("contributor", []);
    const labels = (await choices()).map((box) => box.closest("div")?.querySelector("label")?.textContent);
    expect(labels).toContain("A reminder the day before a session you are booked on");
    expect(labels).toContain("When an organisation has decided on your expense claim");
    expect(labels).not.toContain("When someone applies for a role");
  });

  it("lists the kinds staff get, ticked unless muted", async () => {
    renderPage("organisation", ["finance_digest"]);
    await choices();
    expect(screen.getByLabelText("When someone applies for a role")).toBeChecked();
    expect(screen.getByLabelText("Once a day, what is waiting for finance")).not.toBeChecked();
    expect(screen.queryByLabelText("When a fee for your work is approved")).not.toBeInTheDocument();
  });

  it("saves what was unticked and keeps mutes of kinds not shown here", async () => {
    const user = userEvent.setup();
    const saved = renderPage("organisation", ["fee_paid"]);
    await user.click(await screen.findByLabelText("When a contributor asks for a letter"));
    await user.click(screen.getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(saved).toEqual([{ email_enabled: true, email_muted_kinds: ["fee_paid", "letter_requested"] }]));
    expect(await screen.findByText("Your settings have been saved.")).toBeInTheDocument();
  });
});

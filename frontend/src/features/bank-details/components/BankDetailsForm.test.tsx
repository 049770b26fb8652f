import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { BankDetailsPage } from "./BankDetailsPage";

const EMPTY = { is_set: false, sort_code: "", account_number: "", account_name: "" };
const SAVED = { is_set: true, sort_code: "309457", account_number: "00733445", account_name: "Asha Patel" };

afterEach(() => vi.unstubAllGlobals());

type Answer = { status: number; body: unknown };

function renderPage(answers: Record<string, Answer[]>) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      const text = input.method === "GET" ? "" : await input.text();
      sent.push({ method: input.method, path, body: text ? JSON.parse(text) : null });
      if (path === "/api/v1/auth/csrf/") return new Response(JSON.stringify({ csrf_token: "t" }), { status: 200, headers: { "Content-Type": "application/json" } });
      const answer = answers[input.method]?.shift() ?? { status: 500, body: {} };
      return new Response(answer.status === 204 ? null : JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
    }),
  );
  const router = createMemoryRouter([{ path: "/me/bank-details", element: <BankDetailsPage /> }], { initialEntries: ["/me/bank-details"] });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return () => sent.filter((call) => call.path !== "/api/v1/auth/csrf/");
}

describe("the bank details form", () => {
  it("sends the name, sort code and account number and shows what was saved", async () => {
    const sent = renderPage({ GET: [{ status: 200, body: EMPTY }], PUT: [{ status: 200, body: SAVED }] });
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText("Name on the account"), "Asha Patel");
    await user.type(screen.getByLabelText("Sort code"), "30 94 57");
    await user.type(screen.getByLabelText("Account number"), "00733445");
    await user.click(screen.getByRole("button", { name: "Save bank details" }));

    expect(await screen.findByText("Your bank details have been saved.")).toBeInTheDocument();
    expect(sent()).toContainEqual({
      method: "PUT",
      path: "/api/v1/me/bank-details/",
      body: { account_name: "Asha Patel", sort_code: "30 94 57", account_number: "00733445" },
    });
    expect(screen.getByText("30-94-57")).toBeInTheDocument();
    expect(screen.getByText("00733445")).toBeInTheDocument();
  });

  it("shows the API's message in the summary and next to the field it is about", async () => {
    renderPage({
      GET: [{ status: 200, body: EMPTY }],
      PUT: [{ status: 400, body: { message: "Check your bank details.", code: "invalid", fields: { sort_code: ["Enter a sort code like 30 94 57: 6 digits."] } } }],
    });
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText("Name on the account"), "Asha Patel");
    await user.type(screen.getByLabelText("Sort code"), "12345");
    await user.type(screen.getByLabelText("Account number"), "00733445");
    await user.click(screen.getByRole("button", { name: "Save bank details" }));

    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("There is a problem");
    expect(screen.getByRole("link", { name: "Sort code: Enter a sort code like 30 94 57: 6 digits." })).toHaveAttribute("href", "#sort_code");
    expect(screen.getByLabelText("Sort code")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Sort code")).toHaveAccessibleDescription(expect.stringContaining("Enter a sort code like 30 94 57"));
  });

  it("offers to change saved details with the form filled in", async () => {
    renderPage({ GET: [{ status: 200, body: SAVED }] });
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Change bank details" }));

    expect(screen.getByRole("heading", { name: "Change your bank details" })).toBeInTheDocument();
    expect(screen.getByLabelText("Account number")).toHaveValue("00733445");
    expect(screen.getByLabelText("Sort code")).toHaveValue("309457");
  });
});

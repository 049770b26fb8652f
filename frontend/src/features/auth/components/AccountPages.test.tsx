import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ChangePasswordPage } from "./ChangePasswordPage";
import { ConfirmEmailPage } from "./ConfirmEmailPage";
import { ForgotPasswordPage } from "./ForgotPasswordPage";
import { ResetPasswordPage } from "./ResetPasswordPage";
import { TwoFactorPage } from "./TwoFactorPage";

afterEach(() => {
  vi.unstubAllGlobals();
});

type Call = { url: string; body: unknown };

/** Answers every POST with `status` and `body`, and keeps what was sent. */
function stubFetch(status: number, body: unknown): Call[] {
  document.cookie = "csrftoken=token-1";
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const url = new URL(href, "http://localhost").pathname;
      const sent = input instanceof Request ? await input.clone().text() : init?.body ? String(init.body) : "";
      calls.push({ url, body: sent ? JSON.parse(sent) : null });
      return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

function renderAt(path: string, pattern: string, element: ReactNode) {
  const router = createMemoryRouter(
    [
      { path: pattern, element },
      { path: "/me/", element: <h1>Your dashboard</h1> },
    ],
    { initialEntries: [path] },
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe("forgot password", () => {
  it("sends the address and shows the API's message, the same for every address", async () => {
    const calls = stubFetch(202, { message: "If that address has an account, we have sent it a link." });
    renderAt("/password-reset", "/password-reset", <ForgotPasswordPage />);

    await userEvent.type(screen.getByLabelText("E-mail address"), " robin@example.org ");
    await userEvent.click(screen.getByRole("button", { name: "Send the link" }));

    expect(await screen.findByRole("heading", { name: "Check your e-mail" })).toBeInTheDocument();
    expect(screen.getByText("If that address has an account, we have sent it a link.")).toBeInTheDocument();
    expect(calls[0]).toEqual({ url: "/api/v1/auth/password-reset/", body: { email: "robin@example.org" } });
  });

  it("shows a field error next to the field and in the summary", async () => {
    stubFetch(400, { message: "Check the form.", code: "invalid", fields: { email: ["Enter an e-mail address."] } });
    renderAt("/password-reset", "/password-reset", <ForgotPasswordPage />);

    await userEvent.click(screen.getByRole("button", { name: "Send the link" }));

    expect(await screen.findByRole("link", { name: "E-mail address: Enter an e-mail address." })).toHaveAttribute("href", "#email");
    expect(screen.getByLabelText("E-mail address")).toHaveAttribute("aria-invalid", "true");
  });
});

describe("reset password", () => {
  it("posts the uid and token from the link with the new password", async () => {
    const calls = stubFetch(200, {});
    renderAt("/reset-password/MQ/abc-123", "/reset-password/:uid/:token", <ResetPasswordPage />);

    await userEvent.type(screen.getByLabelText("New password"), "a long new passphrase");
    await userEvent.click(screen.getByRole("button", { name: "Save new password" }));

    expect(await screen.findByRole("heading", { name: "Your password has been changed" })).toBeInTheDocument();
    expect(calls[0]).toEqual({
      url: "/api/v1/auth/password-reset/confirm/",
      body: { uid: "MQ", token: "abc-123", new_password: "a long new passphrase" },
    });
  });

  it("offers a new link when the old one no longer works", async () => {
    stubFetch(400, { message: "This link has expired.", code: "invalid_token", fields: { token: ["This link has expired."] } });
    renderAt("/reset-password/MQ/old", "/reset-password/:uid/:token", <ResetPasswordPage />);

    await userEvent.type(screen.getByLabelText("New password"), "a long new passphrase");
    await userEvent.click(screen.getByRole("button", { name: "Save new password" }));

    expect(await screen.findByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/password-reset");
    expect(screen.getByRole("alert")).toHaveTextContent("This link has expired.");
  });
});

describe("change password", () => {
  it("sends the current and new password and confirms the change", async () => {
    const calls = stubFetch(200, {});
    renderAt("/change-password", "/change-password", <ChangePasswordPage />);

    await userEvent.type(screen.getByLabelText("Your password now"), "old one here");
    await userEvent.type(screen.getByLabelText("New password"), "a long new passphrase");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));

    expect(await screen.findByRole("heading", { name: "Your password has been changed" })).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ current_password: "old one here", new_password: "a long new passphrase" });
  });

  it("shows a wrong current password next to that field", async () => {
    stubFetch(400, { message: "Check the form.", code: "invalid", fields: { current_password: ["That is not your password."] } });
    renderAt("/change-password", "/change-password", <ChangePasswordPage />);

    await userEvent.click(screen.getByRole("button", { name: "Change password" }));

    expect(await screen.findByText("That is not your password.", { selector: ".govuk-error-message" })).toBeInTheDocument();
  });
});

describe("confirm e-mail", () => {
  it("waits for a press, then activates the account and goes to the dashboard", async () => {
    const calls = stubFetch(200, {});
    renderAt("/confirm-email/MQ/abc", "/confirm-email/:uid/:token", <ConfirmEmailPage />);

    expect(calls).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Confirm and sign in" }));

    expect(await screen.findByRole("heading", { name: "Your dashboard" })).toBeInTheDocument();
    expect(calls[0]).toEqual({ url: "/api/v1/auth/register/confirm/", body: { uid: "MQ", token: "abc" } });
  });
});

describe("two-factor code", () => {
  it("sends the code without spaces and goes on to where the person was going", async () => {
    const calls = stubFetch(200, {});
    const router = renderAt("/sign-in/code?next=/me/", "/sign-in/code", <TwoFactorPage />);

    await userEvent.type(screen.getByLabelText("Code"), "123 456");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));

    expect(await screen.findByRole("heading", { name: "Your dashboard" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/me/");
    expect(calls.find((call) => call.url.includes("two-factor"))?.body).toEqual({ code: "123456" });
  });

  it("says when the code is wrong", async () => {
    stubFetch(400, { message: "That code is not right.", code: "invalid_code", fields: { code: ["That code is not right."] } });
    renderAt("/sign-in/code", "/sign-in/code", <TwoFactorPage />);

    await userEvent.type(screen.getByLabelText("Code"), "000000");
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));

    expect(await screen.findByRole("link", { name: "Code: That code is not right." })).toBeInTheDocument();
  });
});

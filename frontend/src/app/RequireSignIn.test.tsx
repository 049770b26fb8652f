import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";

import { sessionKeys } from "@/features/auth/api/session";

import { RequireSignIn } from "./RequireSignIn";

function renderPortal(me: unknown) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(sessionKeys.me(), me);
  const router = createMemoryRouter(
    [
      { element: <RequireSignIn />, children: [{ path: "/me/", element: <h1>Your dashboard</h1> }] },
      { path: "/sign-in", element: <h1>Sign in</h1> },
      { path: "/session-ended", element: <h1>Your session has ended</h1> },
    ],
    { initialEntries: ["/me/"] },
  );
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { client, router };
}

describe("RequireSignIn", () => {
  it("sends someone who is not signed in to sign in, coming back afterwards", async () => {
    const { router } = renderPortal(null);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?next=%2Fme%2F");
  });

  it("tells someone whose session ends on a portal page that it has ended", async () => {
    const { client, router } = renderPortal({ id: 1, account_type: "contributor", memberships: [] });
    expect(await screen.findByRole("heading", { name: "Your dashboard" })).toBeInTheDocument();

    act(() => client.setQueryData(sessionKeys.me(), null));

    expect(await screen.findByRole("heading", { name: "Your session has ended" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?next=%2Fme%2F");
  });
});

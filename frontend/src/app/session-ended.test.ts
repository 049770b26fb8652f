import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";

import { sessionKeys } from "@/features/auth/api/session";
import { safeNext } from "@/features/auth/hooks/useHomeFor";

import { endSession } from "./session-ended";

function fakeRouter(pathname: string, search = "") {
  let finish: () => void = () => {};
  const navigate = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
  return { router: { state: { location: { pathname, search } }, navigate }, finish: () => finish() };
}

describe("endSession", () => {
  it("moves someone who was signed in to the session-ended page before forgetting them", async () => {
    const client = new QueryClient();
    client.setQueryData(sessionKeys.me(), { id: 1 });
    const { router, finish } = fakeRouter("/me/earnings", "?on=2026-12-01");

    endSession(client, router);

    expect(router.navigate).toHaveBeenCalledWith("/session-ended?next=%2Fme%2Fearnings%3Fon%3D2026-12-01");
    // Still known while the move is under way, so the signed-in page cannot redirect to sign-in.
    expect(client.getQueryData(sessionKeys.me())).toEqual({ id: 1 });
    finish();
    await vi.waitFor(() => expect(client.getQueryData(sessionKeys.me())).toBeNull());
  });

  it("only forgets someone who was not signed in", () => {
    const client = new QueryClient();
    const { router } = fakeRouter("/opportunities");
    endSession(client, router);
    expect(router.navigate).not.toHaveBeenCalled();
    expect(client.getQueryData(sessionKeys.me())).toBeNull();
  });

  it("does not move again from the session-ended page", () => {
    const client = new QueryClient();
    client.setQueryData(sessionKeys.me(), { id: 1 });
    const { router } = fakeRouter("/session-ended", "?next=%2Fme%2F");
    endSession(client, router);
    expect(router.navigate).not.toHaveBeenCalled();
    expect(client.getQueryData(sessionKeys.me())).toBeNull();
  });
});

describe("safeNext", () => {
  it("keeps paths on this site", () => {
    expect(safeNext("/me/letters")).toBe("/me/letters");
  });

  it.each([null, "", "https://example.com/", "//example.com/", "/sign-out", "/session-ended?next=%2Fme%2F"])(
    "refuses %s",
    (next) => {
      expect(safeNext(next)).toBeNull();
    },
  );
});

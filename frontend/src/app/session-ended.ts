import type { QueryClient } from "@tanstack/react-query";

import { sessionKeys } from "@/features/auth/api/session";

type Navigator = {
  state: { location: { pathname: string; search: string } };
  navigate: (to: string) => Promise<void>;
};

export const SESSION_ENDED_PATH = "/session-ended";

/**
 * What a 401 does. Someone who was signed in is moved to "Your session has ended" first, and
 * only then forgotten: forgetting them while a signed-in page is still showing would let that
 * page send them to the sign-in page instead, racing the move.
 */
export function endSession(queryClient: QueryClient, router: Navigator): void {
  const wasSignedIn = Boolean(queryClient.getQueryData(sessionKeys.me()));
  const forget = () => queryClient.setQueryData(sessionKeys.me(), null);
  const { pathname, search } = router.state.location;
  if (!wasSignedIn || pathname === SESSION_ENDED_PATH) {
    forget();
    return;
  }
  void router.navigate(`${SESSION_ENDED_PATH}?next=${encodeURIComponent(pathname + search)}`).then(forget, forget);
}

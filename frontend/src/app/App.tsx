import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";

import { sessionKeys } from "@/features/auth/api/session";
import { createQueryClient } from "@/lib/query-client";

import { createRouter } from "./router";

const router = createRouter();

// A 401 while someone was signed in means their session ended: say so, and let them sign in
// again to carry on where they were.
const queryClient = createQueryClient(() => {
  const wasSignedIn = Boolean(queryClient.getQueryData(sessionKeys.me()));
  queryClient.setQueryData(sessionKeys.me(), null);
  if (wasSignedIn) {
    const { pathname, search } = router.state.location;
    void router.navigate(`/session-ended?next=${encodeURIComponent(pathname + search)}`);
  }
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}

import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";

import { meQuery } from "@/features/auth/api/session";
import { createQueryClient } from "@/lib/query-client";

import { createRouter } from "./router";
import { endSession } from "./session-ended";

const router = createRouter();

// A 401 while someone was signed in means their session ended: say so, and let them sign in
// again to carry on where they were.
const queryClient = createQueryClient(() => endSession(queryClient, router));
// Ask who is signed in at once, while the router fetches the first page's code, rather than
// after: the signed-in pages wait for both.
void queryClient.prefetchQuery(meQuery);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}

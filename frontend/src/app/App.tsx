import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router";

import { createQueryClient } from "@/lib/query-client";

import { createRouter } from "./router";
import { endSession } from "./session-ended";

const router = createRouter();

// A 401 while someone was signed in means their session ended: say so, and let them sign in
// again to carry on where they were.
const queryClient = createQueryClient(() => endSession(queryClient, router));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}

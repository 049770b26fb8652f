import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Letter = Schemas["LetterOutput"];
export type LetterFilter = "requested" | "rendering" | "issued" | "failed" | "withdrawn";

export const LETTER_FILTERS: { value: LetterFilter; label: string }[] = [
  { value: "requested", label: "Waiting to be issued" },
  { value: "rendering", label: "Being made" },
  { value: "issued", label: "Issued" },
  { value: "failed", label: "Failed" },
  { value: "withdrawn", label: "Withdrawn" },
];

/** The organisation's letters: one key factory, so each action invalidates what it changes. */
export const adminLetterKeys = {
  all: (organisationId: number) => ["organisation", organisationId, "letters"] as const,
  list: (organisationId: number, filter: LetterFilter | null) => [...adminLetterKeys.all(organisationId), "list", filter ?? "all"] as const,
  detail: (organisationId: number, letterId: number) => [...adminLetterKeys.all(organisationId), "detail", letterId] as const,
};

/** Being made: an admin has issued it (or asked for it) and the worker has not finished. */
export function isBeingMade(letter: Pick<Letter, "status" | "waiting_for_issue">): boolean {
  return letter.status === "rendering" || (letter.status === "requested" && !letter.waiting_for_issue);
}

export function letterState(letter: Pick<Letter, "status" | "waiting_for_issue">): LetterFilter {
  if (letter.status === "requested") return letter.waiting_for_issue ? "requested" : "rendering";
  if (letter.status === "revoked") return "withdrawn";
  return letter.status;
}

export const organisationLettersQuery = (organisationId: number, filter: LetterFilter | null) =>
  queryOptions({
    queryKey: adminLetterKeys.list(organisationId, filter),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/letters/", {
          params: { query: { organisation: organisationId, page_size: 100, ...(filter ? { status: filter } : {}) } },
        }),
      ),
    refetchInterval: (query) => (query.state.data?.results.some(isBeingMade) ? 3000 : false),
  });

export const organisationLetterQuery = (organisationId: number, letterId: number) =>
  queryOptions({
    queryKey: adminLetterKeys.detail(organisationId, letterId),
    queryFn: () => unwrap(api.GET("/api/v1/letters/{letter_id}/", { params: { path: { letter_id: letterId } } })),
    refetchInterval: (query) => (query.state.data && isBeingMade(query.state.data) ? 2000 : false),
  });

export function pdfUrl(letter: Pick<Letter, "id">): string {
  return `/api/v1/letters/${letter.id}/pdf/`;
}

/** Each action answers with a letter: show it at once, and refresh the lists it may move between. */
function useLetterAction<Args>(organisationId: number, call: (args: Args) => Promise<Letter>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (letter) => {
      queryClient.setQueryData(adminLetterKeys.detail(organisationId, letter.id), letter);
      return queryClient.invalidateQueries({ queryKey: [...adminLetterKeys.all(organisationId), "list"] });
    },
  });
}

export function useIssueLetter(organisationId: number) {
  return useLetterAction(organisationId, (letterId: number) =>
    unwrap(api.POST("/api/v1/letters/{letter_id}/issue/", { params: { path: { letter_id: letterId } } })),
  );
}

export function useWithdrawLetter(organisationId: number) {
  return useLetterAction(organisationId, ({ letterId, reason }: { letterId: number; reason: string }) =>
    unwrap(api.POST("/api/v1/letters/{letter_id}/revoke/", { params: { path: { letter_id: letterId } }, body: { reason } })),
  );
}

export function useReissueLetter(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (letterId: number) =>
      unwrap(api.POST("/api/v1/letters/{letter_id}/reissue/", { params: { path: { letter_id: letterId } } })),
    onSuccess: (letter) => {
      queryClient.setQueryData(adminLetterKeys.detail(organisationId, letter.id), letter);
      // The old letter now names its replacement.
      return queryClient.invalidateQueries({ queryKey: adminLetterKeys.all(organisationId) });
    },
  });
}

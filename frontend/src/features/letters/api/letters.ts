import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Letter = Schemas["LetterOutput"];
export type LetterRequest = Schemas["LetterRequestInputRequest"];

export const letterKeys = {
  all: ["letters"] as const,
  list: () => [...letterKeys.all, "list"] as const,
  detail: (id: number) => [...letterKeys.all, "detail", id] as const,
  organisations: () => [...letterKeys.all, "organisations"] as const,
};

type LetterState = Pick<Letter, "status"> & { waiting_for_issue?: boolean };

/** A letter is being made once the organisation has issued it, until it is ready. */
export function isRendering(letter: LetterState | undefined): boolean {
  if (letter?.status === "requested") return !letter.waiting_for_issue;
  return letter?.status === "rendering";
}

/** Waiting for one of the organisation's admins to check and issue it. */
export function isWaitingForIssue(letter: LetterState | undefined): boolean {
  return letter?.status === "requested" && letter.waiting_for_issue === true;
}

/** How often to ask again: every 2 seconds while it is being made, every 30 while the
 * organisation has not issued it yet, then stop. */
export function letterRefetchInterval(letter: LetterState | undefined): number | false {
  if (isRendering(letter)) return 2000;
  return isWaitingForIssue(letter) ? 30000 : false;
}

export const lettersQuery = () =>
  queryOptions({
    queryKey: letterKeys.list(),
    queryFn: () => unwrap(api.GET("/api/v1/letters/", { params: { query: { page_size: 100 } } })),
    refetchInterval: (query) => (query.state.data?.results.some(isRendering) ? 2000 : false),
  });

export const letterQuery = (id: number) =>
  queryOptions({
    queryKey: letterKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/v1/letters/{letter_id}/", { params: { path: { letter_id: id } } })),
    refetchInterval: (query) => letterRefetchInterval(query.state.data),
  });

/** The organisations a contributor has worked with: a letter comes from one of them. */
export const letterOrganisationsQuery = () =>
  queryOptions({
    queryKey: letterKeys.organisations(),
    queryFn: async () => {
      const page = await unwrap(api.GET("/api/v1/engagements/", { params: { query: { page_size: 100 } } }));
      const byId = new Map<number, string>();
      for (const { opportunity } of page.results) byId.set(opportunity.organisation_id, opportunity.organisation_name);
      return [...byId].map(([id, name]) => ({ id, name }));
    },
  });

export function pdfUrl(letter: Pick<Letter, "id">): string {
  return `/api/v1/letters/${letter.id}/pdf/`;
}

export function useRequestLetter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LetterRequest) => unwrap(api.POST("/api/v1/letters/", { body })),
    onSuccess: (letter) => {
      queryClient.setQueryData(letterKeys.detail(letter.id), letter);
      return queryClient.invalidateQueries({ queryKey: letterKeys.list() });
    },
  });
}

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

/** A letter is still being made while it is requested or rendering. */
export function isRendering(letter: Pick<Letter, "status"> | undefined): boolean {
  return letter?.status === "requested" || letter?.status === "rendering";
}

/** How often to ask again while a letter is being made: every 2 seconds, then stop. */
export function letterRefetchInterval(letter: Pick<Letter, "status"> | undefined): number | false {
  return isRendering(letter) ? 2000 : false;
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

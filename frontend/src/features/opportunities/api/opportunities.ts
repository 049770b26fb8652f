import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

import type { RoleFilters } from "../hooks/roleFilters";

export type Role = Schemas["OpportunityOutput"];
export type RoleSession = Schemas["SessionOutput"];
export type ApplicationInput = Schemas["ApplicationInputRequest"];
type InvolvementType = Role["involvement_type"];

/** Query keys of the opportunities feature. */
export const opportunityKeys = {
  all: ["opportunities"] as const,
  lists: () => [...opportunityKeys.all, "list"] as const,
  list: (filters: RoleFilters) => [...opportunityKeys.lists(), filters] as const,
  detail: (id: number) => [...opportunityKeys.all, "detail", id] as const,
  sessions: (id: number) => [...opportunityKeys.detail(id), "sessions"] as const,
};

export const PAGE_SIZE = 10;

export const roleListQuery = (filters: RoleFilters) =>
  queryOptions({
    queryKey: opportunityKeys.list(filters),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/opportunities/", {
          params: {
            query: {
              q: filters.q || undefined,
              involvement_type: filters.involvementTypes.length ? (filters.involvementTypes as InvolvementType[]) : undefined,
              remote: filters.remote === "" ? undefined : filters.remote === "remote",
              place: filters.place || undefined,
              paid: filters.pay === "" ? undefined : filters.pay === "paid",
              page: filters.page,
              page_size: PAGE_SIZE,
            },
          },
        }),
      ),
  });

export const roleQuery = (id: number) =>
  queryOptions({
    queryKey: opportunityKeys.detail(id),
    queryFn: () => unwrap(api.GET("/api/v1/opportunities/{opportunity_id}/", { params: { path: { opportunity_id: id } } })),
  });

export const roleSessionsQuery = (id: number) =>
  queryOptions({
    queryKey: opportunityKeys.sessions(id),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/opportunities/{opportunity_id}/sessions/", {
          params: { path: { opportunity_id: id }, query: { page_size: 100 } },
        }),
      ),
  });

/** Applying fills nothing on the role until the organisation accepts, so only the role's own
 * record (which may now show the application to its members) is refreshed. */
export function useApply(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationInput) =>
      unwrap(api.POST("/api/v1/opportunities/{opportunity_id}/applications/", { params: { path: { opportunity_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(id) }),
  });
}

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";
import { allPages } from "@/lib/format";

export type Application = Schemas["ApplicationOutput"];
export type Engagement = Schemas["EngagementOutput"];
export type Session = Schemas["SessionOutput"];

/** Query keys of the roles feature. */
export const rolesKeys = {
  all: ["roles"] as const,
  applications: () => [...rolesKeys.all, "applications"] as const,
  engagements: () => [...rolesKeys.all, "engagements"] as const,
  sessions: (opportunityId: number) => [...rolesKeys.all, "sessions", opportunityId] as const,
};

export const applicationsQuery = queryOptions({
  queryKey: rolesKeys.applications(),
  queryFn: () => allPages((page) => unwrap(api.GET("/api/v1/applications/", { params: { query: { page, page_size: 100 } } }))),
});

export const engagementsQuery = queryOptions({
  queryKey: rolesKeys.engagements(),
  queryFn: () => allPages((page) => unwrap(api.GET("/api/v1/engagements/", { params: { query: { page, page_size: 100 } } }))),
});

export const sessionsQuery = (opportunityId: number) =>
  queryOptions({
    queryKey: rolesKeys.sessions(opportunityId),
    queryFn: () =>
      allPages((page) =>
        unwrap(api.GET("/api/v1/opportunities/{opportunity_id}/sessions/", { params: { path: { opportunity_id: opportunityId }, query: { page, page_size: 100 } } })),
      ),
  });

/** Withdraws an application: only the applications list changes. */
export function useWithdrawApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: number) =>
      unwrap(api.POST("/api/v1/applications/{application_id}/withdraw/", { params: { path: { application_id: applicationId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolesKeys.applications() }),
  });
}

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type OrgRole = Schemas["OpportunityOutput"];
export type OrgRoleStatus = OrgRole["status"];
export type OrgSession = Schemas["SessionOutput"];
export type PayRate = Schemas["PayRateOutput"];
export type RoleCreateInput = Schemas["OpportunityCreateInputRequest"];
export type RoleChangeInput = Schemas["PatchedOpportunityInputRequest"];
export type SessionInput = Schemas["SessionInputRequest"];
export type SessionChangeInput = Schemas["PatchedSessionUpdateInputRequest"];

/** Query keys of the organisation's roles area. */
export const orgRoleKeys = {
  all: (organisationId: number) => ["organisation", organisationId, "roles"] as const,
  list: (organisationId: number, status: OrgRoleStatus | "") => [...orgRoleKeys.all(organisationId), "list", status] as const,
  detail: (organisationId: number, roleId: number) => [...orgRoleKeys.all(organisationId), "detail", roleId] as const,
  sessions: (organisationId: number, roleId: number) => [...orgRoleKeys.detail(organisationId, roleId), "sessions"] as const,
  payRates: (organisationId: number) => [...orgRoleKeys.all(organisationId), "pay-rates"] as const,
};

const MEMBER_STATUSES: OrgRoleStatus[] = ["draft", "published", "closed"];

export const orgRoleListQuery = (organisationId: number, status: OrgRoleStatus | "") =>
  queryOptions({
    queryKey: orgRoleKeys.list(organisationId, status),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/opportunities/", {
          params: {
            query: {
              organisation: organisationId,
              status: status ? [status] : MEMBER_STATUSES,
              ordering: "-created_at",
              page_size: 100,
            },
          },
        }),
      ),
  });

export const orgRoleQuery = (organisationId: number, roleId: number) =>
  queryOptions({
    queryKey: orgRoleKeys.detail(organisationId, roleId),
    queryFn: () => unwrap(api.GET("/api/v1/opportunities/{opportunity_id}/", { params: { path: { opportunity_id: roleId } } })),
  });

export const orgSessionsQuery = (organisationId: number, roleId: number) =>
  queryOptions({
    queryKey: orgRoleKeys.sessions(organisationId, roleId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/opportunities/{opportunity_id}/sessions/", {
          params: { path: { opportunity_id: roleId }, query: { page_size: 100 } },
        }),
      ),
  });

export const payRatesQuery = (organisationId: number) =>
  queryOptions({
    queryKey: orgRoleKeys.payRates(organisationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/organisations/{organisation_id}/pay-rates/", {
          params: { path: { organisation_id: organisationId }, query: { page_size: 100 } },
        }),
      ),
  });

export function useCreateRole(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoleCreateInput) => unwrap(api.POST("/api/v1/opportunities/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...orgRoleKeys.all(organisationId), "list"] }),
  });
}

/** Changes and actions on one role refresh that role and the lists it appears in. */
function useRoleInvalidation(organisationId: number, roleId: number) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: orgRoleKeys.detail(organisationId, roleId), exact: true }),
      queryClient.invalidateQueries({ queryKey: [...orgRoleKeys.all(organisationId), "list"] }),
    ]);
  };
}

export function useChangeRole(organisationId: number, roleId: number) {
  const refresh = useRoleInvalidation(organisationId, roleId);
  return useMutation({
    mutationFn: (body: RoleChangeInput) =>
      unwrap(api.PATCH("/api/v1/opportunities/{opportunity_id}/", { params: { path: { opportunity_id: roleId } }, body })),
    onSuccess: refresh,
  });
}

export type RoleAction = "publish" | "close";

export function useRoleAction(organisationId: number, roleId: number) {
  const refresh = useRoleInvalidation(organisationId, roleId);
  return useMutation({
    mutationFn: (action: RoleAction) => {
      const params = { params: { path: { opportunity_id: roleId } } };
      return action === "publish"
        ? unwrap(api.POST("/api/v1/opportunities/{opportunity_id}/publish/", params))
        : unwrap(api.POST("/api/v1/opportunities/{opportunity_id}/close/", params));
    },
    onSuccess: refresh,
  });
}

export function useCopyRole(organisationId: number, roleId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/opportunities/{opportunity_id}/copy/", { params: { path: { opportunity_id: roleId } }, body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...orgRoleKeys.all(organisationId), "list"] }),
  });
}

/** Sessions change the role's sessions table only. */
function useSessionsInvalidation(organisationId: number, roleId: number) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: orgRoleKeys.sessions(organisationId, roleId) });
}

export function useAddSession(organisationId: number, roleId: number) {
  const refresh = useSessionsInvalidation(organisationId, roleId);
  return useMutation({
    mutationFn: (body: SessionInput) =>
      unwrap(api.POST("/api/v1/opportunities/{opportunity_id}/sessions/", { params: { path: { opportunity_id: roleId } }, body })),
    onSuccess: refresh,
  });
}

export function useChangeSession(organisationId: number, roleId: number, sessionId: number) {
  const refresh = useSessionsInvalidation(organisationId, roleId);
  return useMutation({
    mutationFn: (body: SessionChangeInput) =>
      unwrap(
        api.PATCH("/api/v1/opportunities/{opportunity_id}/sessions/{session_id}/", {
          params: { path: { opportunity_id: roleId, session_id: sessionId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useCancelSession(organisationId: number, roleId: number, sessionId: number) {
  const refresh = useSessionsInvalidation(organisationId, roleId);
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST("/api/v1/opportunities/{opportunity_id}/sessions/{session_id}/cancel/", {
          params: { path: { opportunity_id: roleId, session_id: sessionId } },
          body: { reason },
        }),
      ),
    onSuccess: refresh,
  });
}

export const STATUS_LABELS: Record<OrgRoleStatus, string> = {
  draft: "Draft",
  published: "Published",
  closed: "Closed",
  archived: "Archived",
};

export const STATUS_COLOURS = { draft: "grey", published: "green", closed: "orange", archived: "grey" } as const;

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

import { orgRoleKeys } from "../../roles/api/roles";

export type OrgApplication = Schemas["ApplicationOutput"];
export type ApplicationReview = Schemas["ApplicationReviewOutput"];
export type ApplicationStatus = OrgApplication["status"];

export type ApplicationFilters = { roleId: number | null; status: ApplicationStatus | "" };

/** Query keys of the organisation's applications area. */
export const orgApplicationKeys = {
  all: (organisationId: number) => ["organisation", organisationId, "applications"] as const,
  list: (organisationId: number, filters: ApplicationFilters) => [...orgApplicationKeys.all(organisationId), "list", filters] as const,
  detail: (organisationId: number, applicationId: number) => [...orgApplicationKeys.all(organisationId), "detail", applicationId] as const,
};

export const orgApplicationListQuery = (organisationId: number, filters: ApplicationFilters) =>
  queryOptions({
    queryKey: orgApplicationKeys.list(organisationId, filters),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/applications/", {
          params: {
            query: {
              organisation: organisationId,
              opportunity: filters.roleId ?? undefined,
              status: filters.status ? [filters.status] : undefined,
              page_size: 100,
            },
          },
        }),
      ),
  });

export const orgApplicationQuery = (organisationId: number, applicationId: number) =>
  queryOptions({
    queryKey: orgApplicationKeys.detail(organisationId, applicationId),
    queryFn: () => unwrap(api.GET("/api/v1/applications/{application_id}/", { params: { path: { application_id: applicationId } } })),
  });

/** A decision changes the application and the lists, and the role's places (roles area). */
function useDecision<TArg>(organisationId: number, call: (arg: TArg) => Promise<OrgApplication>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (decided) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: orgApplicationKeys.all(organisationId) }),
        queryClient.invalidateQueries({ queryKey: orgRoleKeys.detail(organisationId, decided.opportunity.id), exact: true }),
        queryClient.invalidateQueries({ queryKey: [...orgRoleKeys.all(organisationId), "list"] }),
      ]);
    },
  });
}

export function useAcceptApplication(organisationId: number, applicationId: number) {
  return useDecision(organisationId, () =>
    unwrap(api.POST("/api/v1/applications/{application_id}/accept/", { params: { path: { application_id: applicationId } } })),
  );
}

export function useDeclineApplication(organisationId: number, applicationId: number) {
  return useDecision(organisationId, (message: string) =>
    unwrap(api.POST("/api/v1/applications/{application_id}/decline/", { params: { path: { application_id: applicationId } }, body: { message } })),
  );
}

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: "Waiting for a decision",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

export const APPLICATION_STATUS_COLOURS = { submitted: "blue", accepted: "green", declined: "grey", withdrawn: "grey" } as const;

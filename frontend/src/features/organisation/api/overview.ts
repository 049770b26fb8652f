import { queryOptions } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Dashboard = Schemas["Dashboard"];
export type Spend = Schemas["Spend"];

export const organisationKeys = {
  all: ["organisation"] as const,
  dashboard: (organisationId: number) => [...organisationKeys.all, organisationId, "dashboard"] as const,
};

/** The organisation's overview: spend this month and tax year, what waits, next sessions. */
export const dashboardQuery = (organisationId: number) =>
  queryOptions({
    queryKey: organisationKeys.dashboard(organisationId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/organisations/{organisation_id}/dashboard/", { params: { path: { organisation_id: organisationId } } })),
  });

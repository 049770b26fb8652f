import { queryOptions } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Overview = Schemas["Overview"];
export type Spend = Schemas["Spend"];
export type Task = Schemas["Task"];

export const organisationKeys = {
  all: ["organisation"] as const,
  overview: (organisationId: number) => [...organisationKeys.all, organisationId, "overview"] as const,
};

/** The organisation's overview: spend, what waits, who needs care and what to do today. */
export const overviewQuery = (organisationId: number) =>
  queryOptions({
    queryKey: organisationKeys.overview(organisationId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/organisations/{organisation_id}/overview/", { params: { path: { organisation_id: organisationId } } })),
  });

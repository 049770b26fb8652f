import { queryOptions } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type RunExport = Schemas["RunExport"];

/** Query keys of a payment run's downloads. */
export const runExportKeys = {
  all: ["organisation", "run-exports"] as const,
  list: (organisationId: number, runId: number) => [...runExportKeys.all, organisationId, runId] as const,
};

/** The files a run can be downloaded as (a handful: one page holds them all). */
export const runExportsQuery = (organisationId: number, runId: number) =>
  queryOptions({
    queryKey: runExportKeys.list(organisationId, runId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/organisations/{organisation_id}/payment-runs/{run_id}/exports/", {
            params: { path: { organisation_id: organisationId, run_id: runId }, query: { page_size: 100 } },
          }),
        )
      ).results,
  });

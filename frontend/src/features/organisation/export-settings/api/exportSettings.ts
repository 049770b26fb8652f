import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type ExportSettings = Schemas["ExportSettings"];
export type ExportSettingsRequest = Schemas["ExportSettingsRequest"];

/** Query keys of the export codes settings. */
export const exportSettingsKeys = {
  all: ["organisation", "export-settings"] as const,
  detail: (organisationId: number) => [...exportSettingsKeys.all, organisationId] as const,
};

export const exportSettingsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: exportSettingsKeys.detail(organisationId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/organisations/{organisation_id}/export-settings/", { params: { path: { organisation_id: organisationId } } })),
  });

export function useSaveExportSettings(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ExportSettingsRequest) =>
      unwrap(api.PUT("/api/v1/organisations/{organisation_id}/export-settings/", { params: { path: { organisation_id: organisationId } }, body })),
    onSuccess: (saved) => queryClient.setQueryData(exportSettingsKeys.detail(organisationId), saved),
  });
}

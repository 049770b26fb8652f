import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, toApiError, unwrap, type Schemas } from "@/lib/api";

export type Organisation = Schemas["OrganisationOutput"];
export type OrganisationChanges = Schemas["PatchedOrganisationInputRequest"];
export type PayRate = Schemas["PayRateOutput"];
export type PayRateInput = Schemas["PayRateInputRequest"];
export type Letterhead = Schemas["LetterPreviewInputRequest"];

export const settingsKeys = {
  details: (organisationId: number) => ["organisation", organisationId, "details"] as const,
  payRates: (organisationId: number) => ["organisation", organisationId, "pay-rates"] as const,
};

const orgPath = (organisationId: number) => ({ params: { path: { organisation_id: organisationId } } });

export const organisationQuery = (organisationId: number) =>
  queryOptions({
    queryKey: settingsKeys.details(organisationId),
    queryFn: () => unwrap(api.GET("/api/v1/organisations/{organisation_id}/", orgPath(organisationId))),
  });

export function useUpdateOrganisation(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationChanges) =>
      unwrap(api.PATCH("/api/v1/organisations/{organisation_id}/", { ...orgPath(organisationId), body })),
    onSuccess: (organisation) => queryClient.setQueryData(settingsKeys.details(organisationId), organisation),
  });
}

/** A preview of a letter with these (perhaps unsaved) letterhead details: a PDF, never stored. */
export async function letterPreview(organisationId: number, body: Letterhead): Promise<Blob> {
  const { data, error, response } = await api.POST("/api/v1/organisations/{organisation_id}/letter-preview/", {
    ...orgPath(organisationId),
    body,
    parseAs: "blob",
  });
  if (!response.ok) {
    // Errors come back as JSON even though a PDF was asked for.
    let body: unknown = error;
    if (error instanceof Blob) {
      try {
        body = JSON.parse(await error.text());
      } catch {
        body = null;
      }
    }
    throw toApiError(body, response);
  }
  return data as Blob;
}

export const payRatesQuery = (organisationId: number) =>
  queryOptions({
    queryKey: settingsKeys.payRates(organisationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/organisations/{organisation_id}/pay-rates/", {
          params: { path: { organisation_id: organisationId }, query: { page_size: 100 } },
        }),
      ),
  });

function useRateMutation<Args, Result>(organisationId: number, call: (args: Args) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.payRates(organisationId) }),
  });
}

export function useAddPayRate(organisationId: number) {
  return useRateMutation(organisationId, (body: PayRateInput) =>
    unwrap(api.POST("/api/v1/organisations/{organisation_id}/pay-rates/", { ...orgPath(organisationId), body })),
  );
}

export function useChangePayRate(organisationId: number) {
  return useRateMutation(organisationId, ({ rateId, body }: { rateId: number; body: Partial<PayRateInput> }) =>
    unwrap(
      api.PATCH("/api/v1/organisations/{organisation_id}/pay-rates/{rate_id}/", {
        params: { path: { organisation_id: organisationId, rate_id: rateId } },
        body,
      }),
    ),
  );
}

export function useRemovePayRate(organisationId: number) {
  return useRateMutation(organisationId, (rateId: number) =>
    unwrap(
      api.DELETE("/api/v1/organisations/{organisation_id}/pay-rates/{rate_id}/", {
        params: { path: { organisation_id: organisationId, rate_id: rateId } },
      }),
    ),
  );
}

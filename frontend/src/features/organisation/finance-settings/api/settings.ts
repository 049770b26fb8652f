import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

import { organisationKeys } from "../../api/overview";

export type FinanceSettings = Schemas["FinanceSettingsOutput"];
export type SettingsInput = Schemas["FinanceSettingsRequest"];

export const financeSettingsKeys = {
  all: ["organisation-finance-settings"] as const,
  detail: (organisationId: number) => [...financeSettingsKeys.all, organisationId] as const,
};

const org = (organisationId: number) => ({ organisation_id: organisationId });

export const financeSettingsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: financeSettingsKeys.detail(organisationId),
    queryFn: () => unwrap(api.GET("/api/v1/organisations/{organisation_id}/finance-settings/", { params: { path: org(organisationId) } })),
  });

export function useSaveFinanceSettings(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SettingsInput) =>
      unwrap(api.PUT("/api/v1/organisations/{organisation_id}/finance-settings/", { params: { path: org(organisationId) }, body })),
    onSuccess: (settings) => {
      queryClient.setQueryData(financeSettingsKeys.detail(organisationId), settings);
      // Budgets are shown on the overview.
      void queryClient.invalidateQueries({ queryKey: organisationKeys.overview(organisationId) });
    },
  });
}

export function useSetMileageRate(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taxYear, rate }: { taxYear: number; rate: string }) =>
      unwrap(
        api.PUT("/api/v1/organisations/{organisation_id}/finance-settings/mileage-rates/{tax_year}/", {
          params: { path: { ...org(organisationId), tax_year: taxYear } },
          body: { rate },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: financeSettingsKeys.detail(organisationId) }),
  });
}

export function useRemoveMileageRate(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taxYear: number) =>
      unwrap(
        api.DELETE("/api/v1/organisations/{organisation_id}/finance-settings/mileage-rates/{tax_year}/", {
          params: { path: { ...org(organisationId), tax_year: taxYear } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: financeSettingsKeys.detail(organisationId) }),
  });
}

/** The year the UK tax year containing `iso` starts in (it starts on 6 April). */
export function taxYearOf(iso: string): number {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return month > 4 || (month === 4 && day >= 6) ? year : year - 1;
}

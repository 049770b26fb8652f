import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

import { organisationKeys } from "../../api/overview";
import { paymentKeys } from "../../payments/api/payments";

export type Run = Schemas["PaymentRunOutput"];
export type PreviewRow = Schemas["PreviewFee"];

export const runKeys = {
  all: ["organisation-payment-runs"] as const,
  lists: (organisationId: number) => [...runKeys.all, organisationId, "list"] as const,
  list: (organisationId: number, status: Run["status"]) => [...runKeys.lists(organisationId), status] as const,
  detail: (organisationId: number, runId: number) => [...runKeys.all, organisationId, "run", runId] as const,
  preview: (organisationId: number, paidOn: string) => [...runKeys.all, organisationId, "preview", paidOn] as const,
};

const org = (organisationId: number) => ({ organisation_id: organisationId });

export const runsQuery = (organisationId: number, status: Run["status"]) =>
  queryOptions({
    queryKey: runKeys.list(organisationId, status),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/organisations/{organisation_id}/payment-runs/", {
          params: { path: org(organisationId), query: { status, page_size: 50 } },
        }),
      ),
  });

export const runQuery = (organisationId: number, runId: number) =>
  queryOptions({
    queryKey: runKeys.detail(organisationId, runId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/organisations/{organisation_id}/payment-runs/{run_id}/", {
          params: { path: { ...org(organisationId), run_id: runId } },
        }),
      ),
  });

/** Which approved payments not yet in a run fit if paid on `paidOn`, and which are held. */
export const previewQuery = (organisationId: number, paidOn: string) =>
  queryOptions({
    queryKey: runKeys.preview(organisationId, paidOn),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/organisations/{organisation_id}/payment-runs/preview/", {
          params: { path: org(organisationId), query: { paid_on: paidOn, page_size: 100 } },
        }),
      ),
  });

export function useBuildRun(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { payments: number[]; pay_on: string }) =>
      unwrap(api.POST("/api/v1/organisations/{organisation_id}/payment-runs/", { params: { path: org(organisationId) }, body })),
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(organisationId, run.id), run);
      void queryClient.invalidateQueries({ queryKey: runKeys.lists(organisationId) });
      void queryClient.invalidateQueries({ queryKey: [...runKeys.all, organisationId, "preview"] });
      void queryClient.invalidateQueries({ queryKey: paymentKeys.lists(organisationId) });
      void queryClient.invalidateQueries({ queryKey: organisationKeys.overview(organisationId) });
    },
  });
}

export function useMarkRunPaid(organisationId: number, runId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { paid_on: string }) =>
      unwrap(
        api.POST("/api/v1/organisations/{organisation_id}/payment-runs/{run_id}/mark-paid/", {
          params: { path: { ...org(organisationId), run_id: runId } },
          body,
        }),
      ),
    onSuccess: (run) => {
      queryClient.setQueryData(runKeys.detail(organisationId, runId), run);
      void queryClient.invalidateQueries({ queryKey: runKeys.lists(organisationId) });
      void queryClient.invalidateQueries({ queryKey: paymentKeys.all });
      void queryClient.invalidateQueries({ queryKey: organisationKeys.overview(organisationId) });
    },
  });
}

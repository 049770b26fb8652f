import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";
import { allPages } from "@/lib/format";

export type Alert = Schemas["Alert"];
export type ExpenseClaim = Schemas["ExpenseClaimOutput"];
export type Letter = Schemas["LetterOutput"];

/** Query keys of the dashboard. */
export const portalKeys = {
  all: ["portal"] as const,
  alerts: () => [...portalKeys.all, "alerts"] as const,
  claims: () => [...portalKeys.all, "claims"] as const,
  letters: () => [...portalKeys.all, "letters"] as const,
};

export const alertsQuery = queryOptions({
  queryKey: portalKeys.alerts(),
  queryFn: () => unwrap(api.GET("/api/v1/me/alerts/", { params: { query: { page_size: 20 } } })),
});

export const claimsQuery = queryOptions({
  queryKey: portalKeys.claims(),
  queryFn: () => allPages((page) => unwrap(api.GET("/api/v1/expense-claims/", { params: { query: { page, page_size: 100 } } }))),
});

export const lettersQuery = queryOptions({
  queryKey: portalKeys.letters(),
  queryFn: () => allPages((page) => unwrap(api.GET("/api/v1/letters/", { params: { query: { page, page_size: 100 } } }))),
});

/** Marks an alert as seen: only the alerts change. */
export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alertId: number) => unwrap(api.POST("/api/v1/me/alerts/{alert_id}/acknowledge/", { params: { path: { alert_id: alertId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.alerts() }),
  });
}

import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

import { organisationKeys } from "../../api/overview";

export type Claim = Schemas["ExpenseClaimOutput"];
export type ClaimItem = Claim["items"][number];

export const claimKeys = {
  all: ["organisation-expense-claims"] as const,
  lists: (organisationId: number) => [...claimKeys.all, organisationId, "list"] as const,
  list: (organisationId: number, waiting: boolean) => [...claimKeys.lists(organisationId), { waiting }] as const,
  detail: (claimId: number) => [...claimKeys.all, "claim", claimId] as const,
};

export const claimsQuery = (organisationId: number, waiting: boolean) =>
  queryOptions({
    queryKey: claimKeys.list(organisationId, waiting),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/expense-claims/", {
          params: { query: { organisation: organisationId, waiting, page_size: 50 } },
        }),
      ),
  });

export const claimQuery = (claimId: number) =>
  queryOptions({
    queryKey: claimKeys.detail(claimId),
    queryFn: () => unwrap(api.GET("/api/v1/expense-claims/{claim_id}/", { params: { path: { claim_id: claimId } } })),
  });

/** Where a receipt is shown (inline) or saved (download). */
export function receiptUrl(claimId: number, itemId: number, download = false): string {
  return `/api/v1/expense-claims/${claimId}/items/${itemId}/receipt/${download ? "?download=1" : ""}`;
}

export type Decision = { itemId: number; approve: boolean; reason: string };

/** One item approved, or rejected with a reason. */
export function useDecideItem(claimId: number, organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, approve, reason }: Decision) =>
      approve
        ? unwrap(api.POST("/api/v1/expense-claims/{claim_id}/approve/", { params: { path: { claim_id: claimId } }, body: { items: [itemId] } }))
        : unwrap(
            api.POST("/api/v1/expense-claims/{claim_id}/reject/", { params: { path: { claim_id: claimId } }, body: { items: [itemId], reason } }),
          ),
    onSuccess: (claim) => {
      queryClient.setQueryData(claimKeys.detail(claimId), claim);
      void queryClient.invalidateQueries({ queryKey: claimKeys.lists(organisationId) });
      void queryClient.invalidateQueries({ queryKey: organisationKeys.overview(organisationId) });
    },
  });
}

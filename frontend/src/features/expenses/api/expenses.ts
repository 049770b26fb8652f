import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

import { postWithProgress, type UploadProgress } from "./upload";

export type Claim = Schemas["ExpenseClaimOutput"];
export type ClaimItem = Schemas["ExpenseItemInputRequest"];
export type Category = Schemas["CategoryEnum"];

export const expenseKeys = {
  all: ["expenses"] as const,
  claims: () => [...expenseKeys.all, "claims"] as const,
  organisations: () => [...expenseKeys.all, "organisations"] as const,
};

export const claimsQuery = () =>
  queryOptions({
    queryKey: expenseKeys.claims(),
    queryFn: () => unwrap(api.GET("/api/v1/expense-claims/", { params: { query: { page_size: 100 } } })),
  });

/** Expenses are claimed from an organisation the contributor has worked with. */
export const claimOrganisationsQuery = () =>
  queryOptions({
    queryKey: expenseKeys.organisations(),
    queryFn: async () => {
      const page = await unwrap(api.GET("/api/v1/engagements/", { params: { query: { page_size: 100 } } }));
      const byId = new Map<number, string>();
      for (const { opportunity } of page.results) byId.set(opportunity.organisation_id, opportunity.organisation_name);
      return [...byId].map(([id, name]) => ({ id, name }));
    },
  });

export type NewClaim = {
  organisation: number;
  note: string;
  items: ClaimItem[];
  /** Receipt for item N, sent as receipt_N (backend/payments/apis.py ExpenseClaimListApi). */
  receipts: (File | null)[];
  idempotencyKey: string;
};

/** The multipart body the claims API reads: items as a JSON list, receipt_N for item N. */
export function claimFormData(claim: NewClaim): FormData {
  const body = new FormData();
  body.set("organisation", String(claim.organisation));
  if (claim.note) body.set("note", claim.note);
  body.set("items", JSON.stringify(claim.items));
  claim.receipts.forEach((file, index) => {
    if (file) body.set(`receipt_${index}`, file, file.name);
  });
  return body;
}

export function useSubmitClaim(onProgress: (progress: UploadProgress) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (claim: NewClaim) =>
      postWithProgress<Claim>("/api/v1/expense-claims/", claimFormData(claim), onProgress, {
        "Idempotency-Key": claim.idempotencyKey,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: expenseKeys.claims() }),
  });
}

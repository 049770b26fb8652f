import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";
import { allPages, todayIso } from "@/lib/format";

export type ChoiceRequest = Schemas["ChoiceRequest"];
export type Preference = Schemas["PreferenceOutput"];
export type Engagement = Schemas["EngagementOutput"];
export type Payment = Schemas["PaymentOutput"];

/** Query keys of the payment-choice feature. */
export const paymentChoiceKeys = {
  all: ["payment-choice"] as const,
  preference: () => [...paymentChoiceKeys.all, "preference"] as const,
  engagements: () => [...paymentChoiceKeys.all, "engagements"] as const,
  nextFees: () => [...paymentChoiceKeys.all, "next-fees"] as const,
};

export const preferenceQuery = queryOptions({
  queryKey: paymentChoiceKeys.preference(),
  queryFn: () => unwrap(api.GET("/api/v1/me/payment-preference/")),
});

export const engagementsQuery = queryOptions({
  queryKey: paymentChoiceKeys.engagements(),
  queryFn: () =>
    allPages((page) => unwrap(api.GET("/api/v1/engagements/", { params: { query: { page, page_size: 100, status: ["active"] } } }))),
});

/** Fees booked and not yet paid, soonest first: the worked examples use the first. */
export const nextFeesQuery = queryOptions({
  queryKey: paymentChoiceKeys.nextFees(),
  queryFn: async () => {
    const payments = await allPages((page) => unwrap(api.GET("/api/v1/payments/", { params: { query: { page, page_size: 100 } } })));
    const today = todayIso();
    return payments
      .filter((p) => p.kind === "fee" && (p.status === "pending" || p.status === "approved") && p.due_on >= today)
      .sort((a, b) => a.due_on.localeCompare(b.due_on));
  },
});

export function useSavePreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChoiceRequest) => unwrap(api.PUT("/api/v1/me/payment-preference/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentChoiceKeys.preference() }),
  });
}

/** Sets (or, with null, clears) one role's own choice. */
export function useSaveEngagementChoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ engagementId, choice }: { engagementId: number; choice: ChoiceRequest | null }) =>
      unwrap(api.PATCH("/api/v1/engagements/{engagement_id}/", { params: { path: { engagement_id: engagementId } }, body: { payment_choice: choice } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentChoiceKeys.engagements() }),
  });
}

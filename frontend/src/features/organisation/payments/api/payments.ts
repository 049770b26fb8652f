import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

import { organisationKeys } from "../../api/overview";

export type Payment = Schemas["PaymentOutput"];
export type PaymentStatus = Payment["status"];
export type HistoryEntry = Schemas["HistoryEntry"];

/** The filters the payments page sends, as its GET form names them. */
export type PaymentFilters = {
  status?: PaymentStatus;
  opportunity?: number;
  contributor?: number;
  counts_from?: string;
  counts_to?: string;
  run?: number;
  page?: number;
};

export const PAGE_SIZE = 25;

export const paymentKeys = {
  all: ["organisation-payments"] as const,
  lists: (organisationId: number) => [...paymentKeys.all, organisationId, "list"] as const,
  list: (organisationId: number, filters: PaymentFilters) => [...paymentKeys.lists(organisationId), filters] as const,
  detail: (paymentId: number) => [...paymentKeys.all, "payment", paymentId] as const,
  history: (paymentId: number) => [...paymentKeys.all, "payment", paymentId, "history"] as const,
  choices: (organisationId: number) => [...paymentKeys.all, organisationId, "choices"] as const,
};

export const paymentsQuery = (organisationId: number, filters: PaymentFilters) =>
  queryOptions({
    queryKey: paymentKeys.list(organisationId, filters),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/payments/", {
          params: { query: { organisation: organisationId, page_size: PAGE_SIZE, ...filters } },
        }),
      ),
  });

export const paymentQuery = (paymentId: number) =>
  queryOptions({
    queryKey: paymentKeys.detail(paymentId),
    queryFn: () => unwrap(api.GET("/api/v1/payments/{payment_id}/", { params: { path: { payment_id: paymentId } } })),
  });

export const paymentHistoryQuery = (paymentId: number) =>
  queryOptions({
    queryKey: paymentKeys.history(paymentId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/payments/{payment_id}/history/", {
          params: { path: { payment_id: paymentId }, query: { page_size: 100 } },
        }),
      ),
  });

export type Choice = { id: number; name: string };

/** The roles and people the filters offer: the organisation's roles, and who is engaged in them. */
export const filterChoicesQuery = (organisationId: number) =>
  queryOptions({
    queryKey: paymentKeys.choices(organisationId),
    queryFn: async () => {
      const [roles, engagements] = await Promise.all([
        unwrap(api.GET("/api/v1/opportunities/", { params: { query: { organisation: organisationId, page_size: 100, ordering: "title" } } })),
        unwrap(api.GET("/api/v1/engagements/", { params: { query: { organisation: organisationId, page_size: 100 } } })),
      ]);
      const people = new Map<number, string>();
      for (const { contributor } of engagements.results) people.set(contributor.id, contributor.full_name);
      return {
        roles: roles.results.map((role): Choice => ({ id: role.id, name: role.title })),
        people: [...people].map(([id, name]): Choice => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
      };
    },
    staleTime: 60_000,
  });

/** After an action the payment, its history and the lists it appears in are read again. */
function usePaymentAction<Body>(
  paymentId: number,
  organisationId: number,
  act: (body: Body) => Promise<Payment>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: act,
    onSuccess: (payment) => {
      queryClient.setQueryData(paymentKeys.detail(paymentId), payment);
      void queryClient.invalidateQueries({ queryKey: paymentKeys.history(paymentId) });
      void queryClient.invalidateQueries({ queryKey: paymentKeys.lists(organisationId) });
      void queryClient.invalidateQueries({ queryKey: organisationKeys.overview(organisationId) });
    },
  });
}

export const useApprovePayment = (paymentId: number, organisationId: number) =>
  usePaymentAction<void>(paymentId, organisationId, () =>
    unwrap(api.POST("/api/v1/payments/{payment_id}/approve/", { params: { path: { payment_id: paymentId } } })),
  );

export const useCancelPayment = (paymentId: number, organisationId: number) =>
  usePaymentAction<{ reason: string }>(paymentId, organisationId, (body) =>
    unwrap(api.POST("/api/v1/payments/{payment_id}/cancel/", { params: { path: { payment_id: paymentId } }, body })),
  );

export const useReschedulePayment = (paymentId: number, organisationId: number) =>
  usePaymentAction<{ due_on: string }>(paymentId, organisationId, (body) =>
    unwrap(api.POST("/api/v1/payments/{payment_id}/reschedule/", { params: { path: { payment_id: paymentId } }, body })),
  );

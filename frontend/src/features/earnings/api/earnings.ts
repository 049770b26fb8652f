import { queryOptions } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";
import { allPages } from "@/lib/format";

export type Earnings = Schemas["Earnings"];
export type Limit = Schemas["Limit"];
export type Payment = Schemas["PaymentOutput"];

/** Query keys of the earnings feature. */
export const earningsKeys = {
  all: ["earnings"] as const,
  periods: (on: string | null) => [...earningsKeys.all, "periods", on ?? "today"] as const,
  payments: () => [...earningsKeys.all, "payments"] as const,
};

/** The periods of every limit that applies on `on` (today when null). */
export const periodsQuery = (on: string | null) =>
  queryOptions({
    queryKey: earningsKeys.periods(on),
    queryFn: () => unwrap(api.GET("/api/v1/me/earnings/", { params: { query: on ? { on } : {} } })),
  });

/** Every payment made or planned to the signed-in contributor, from every organisation. */
export const paymentsQuery = queryOptions({
  queryKey: earningsKeys.payments(),
  queryFn: () => allPages((page) => unwrap(api.GET("/api/v1/payments/", { params: { query: { page, page_size: 100 } } }))),
});

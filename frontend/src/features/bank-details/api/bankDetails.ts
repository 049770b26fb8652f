import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type BankDetails = Schemas["BankDetailsOutput"];
export type BankDetailsRequest = Schemas["BankDetailsInputRequest"];

/** Query keys of the bank-details feature. */
export const bankDetailsKeys = {
  all: ["bank-details"] as const,
  mine: () => [...bankDetailsKeys.all, "mine"] as const,
};

export const bankDetailsQuery = queryOptions({
  queryKey: bankDetailsKeys.mine(),
  queryFn: () => unwrap(api.GET("/api/v1/me/bank-details/")),
  // Bank details are read only when asked for: each reading is logged.
  staleTime: Infinity,
});

export function useSaveBankDetails() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BankDetailsRequest) => unwrap(api.PUT("/api/v1/me/bank-details/", { body })),
    onSuccess: (saved) => queryClient.setQueryData(bankDetailsKeys.mine(), saved),
  });
}

export function useRemoveBankDetails() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/me/bank-details/")),
    onSuccess: () =>
      queryClient.setQueryData<BankDetails>(bankDetailsKeys.mine(), { is_set: false, sort_code: "", account_number: "", account_name: "" }),
  });
}

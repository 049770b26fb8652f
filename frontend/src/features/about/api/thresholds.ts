import { queryOptions } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type ThresholdRule = Schemas["ThresholdRuleOutput"];

/** Query keys of the about feature. */
export const aboutKeys = {
  all: ["about"] as const,
  thresholds: () => [...aboutKeys.all, "thresholds"] as const,
};

/** The limits in force today (UK time), with their sources. */
export const thresholdsQuery = queryOptions({
  queryKey: aboutKeys.thresholds(),
  queryFn: () => unwrap(api.GET("/api/v1/thresholds/")),
  staleTime: 60 * 60_000,
});

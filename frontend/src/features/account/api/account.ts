import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Profile = Schemas["Profile"];
export type ProfileChange = Schemas["PatchedProfileRequest"];
export type EraseRequest = Schemas["InputRequest"];

export const accountKeys = {
  all: ["account"] as const,
  profile: () => [...accountKeys.all, "profile"] as const,
};

export const profileQuery = () =>
  queryOptions({
    queryKey: accountKeys.profile(),
    queryFn: () => unwrap(api.GET("/api/v1/me/profile/")),
  });

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileChange) => unwrap(api.PATCH("/api/v1/me/profile/", { body })),
    onSuccess: (saved) => queryClient.setQueryData(accountKeys.profile(), saved),
  });
}

/** The zip of everything we hold: a plain link, so the browser downloads it with the session. */
export const EXPORT_URL = "/api/v1/me/export/";

/** Erasing signs the person out for good: the page shows its confirmation, then a full reload
 * (not a cache update) takes them to the home page with nothing of theirs left in memory. */
export function useEraseAccount() {
  return useMutation({
    mutationFn: (body: EraseRequest) => unwrap(api.POST("/api/v1/me/erase/", { body })),
  });
}

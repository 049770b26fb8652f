import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Circumstances = Schemas["BenefitCircumstancesOutput"];
export type CircumstancesInput = Schemas["BenefitCircumstancesInputReplaceRequest"];
export type Profile = Schemas["Profile"];

/** Query keys of the benefits feature. */
export const benefitsKeys = {
  all: ["benefits"] as const,
  circumstances: () => [...benefitsKeys.all, "circumstances"] as const,
  profile: () => [...benefitsKeys.all, "profile"] as const,
};

export const circumstancesQuery = queryOptions({
  queryKey: benefitsKeys.circumstances(),
  queryFn: () => unwrap(api.GET("/api/v1/me/benefits/")),
});

export const profileQuery = queryOptions({
  queryKey: benefitsKeys.profile(),
  queryFn: () => unwrap(api.GET("/api/v1/me/profile/")),
});

/** Saves the whole form: the circumstances (all of them, PUT) and, when it changed, the
 * share-headroom consent on the profile. */
export function useSaveBenefits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ circumstances, shareHeadroom, profile }: { circumstances: CircumstancesInput; shareHeadroom: boolean; profile: Profile }) => {
      const saved = await unwrap(api.PUT("/api/v1/me/benefits/", { body: circumstances }));
      if (Boolean(profile.share_headroom) !== shareHeadroom) {
        // Only the consent changes (PATCH): the rest of the profile is left as it is.
        await unwrap(api.PATCH("/api/v1/me/profile/", { body: { share_headroom: shareHeadroom } }));
      }
      return saved;
    },
    onSuccess: (saved, { shareHeadroom, profile }) => {
      queryClient.setQueryData(benefitsKeys.circumstances(), saved);
      if (Boolean(profile.share_headroom) !== shareHeadroom) void queryClient.invalidateQueries({ queryKey: benefitsKeys.profile() });
    },
  });
}

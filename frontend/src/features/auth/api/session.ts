import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, ApiError, unwrap, type Schemas } from "@/lib/api";

import { isTwoFactorRequired } from "./calls";

export type Me = Schemas["MeOutput"];

/** Query keys of the auth feature: one factory, so invalidation names exactly what changed. */
export const sessionKeys = {
  all: ["session"] as const,
  me: () => [...sessionKeys.all, "me"] as const,
};

/** Who is signed in, or null when nobody is. */
export const meQuery = queryOptions({
  queryKey: sessionKeys.me(),
  queryFn: async (): Promise<Me | null> => {
    try {
      return await unwrap(api.GET("/api/v1/me/"));
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export function useSession() {
  return useQuery(meQuery);
}

/** Signed in, or a code is needed first (the login answered `{"two_factor_required": true}`). */
export type SignInResult = { kind: "signed-in"; me: Me } | { kind: "code-needed" };

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }): Promise<SignInResult> => {
      const answer: unknown = await unwrap(api.POST("/api/v1/auth/login/", { body }));
      return isTwoFactorRequired(answer) ? { kind: "code-needed" } : { kind: "signed-in", me: answer as Me };
    },
    onSuccess: (result) => {
      if (result.kind === "signed-in") queryClient.setQueryData(sessionKeys.me(), result.me);
    },
  });
}

export type RegisterInput = Schemas["RegisterInputRequest"];

/** Today the API answers 201 with the new account, signed in; it may instead answer 202 with a
 * message ("check your e-mail") whether or not the address already had an account. */
export type RegisterResult = { kind: "signed-in"; me: Me } | { kind: "check-email"; message: string };

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RegisterInput): Promise<RegisterResult> => {
      const { data, error, response } = await api.POST("/api/v1/auth/register/", { body });
      if (!response.ok) throw new ApiError(error ?? { message: "Something went wrong.", code: "unexpected", fields: {} }, response.status);
      const answer: unknown = data;
      if (response.status === 202 || !(typeof answer === "object" && answer !== null && "id" in answer)) {
        const message =
          typeof answer === "object" && answer !== null && "message" in answer && typeof answer.message === "string"
            ? answer.message
            : "We have sent you an e-mail. Open it to finish setting up your account.";
        return { kind: "check-email", message };
      }
      return { kind: "signed-in", me: answer as Me };
    },
    onSuccess: (result) => {
      if (result.kind === "signed-in") queryClient.setQueryData(sessionKeys.me(), result.me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/logout/")),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.me(), null);
    },
  });
}

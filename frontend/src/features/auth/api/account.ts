import { useMutation, useQueryClient } from "@tanstack/react-query";

import { loginTwoFactor, passwordChange, passwordResetConfirm, passwordResetRequest, registerConfirm } from "./calls";
import { sessionKeys } from "./session";

export function usePasswordResetRequest() {
  return useMutation({ mutationFn: passwordResetRequest });
}

export function usePasswordResetConfirm() {
  return useMutation({ mutationFn: passwordResetConfirm });
}

export function usePasswordChange() {
  return useMutation({ mutationFn: passwordChange });
}

/** Confirming the e-mail address activates the account and signs the person in. */
export function useRegisterConfirm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerConfirm,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.me() }),
  });
}

/** The code signs the person in: who is signed in has changed. */
export function useTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: loginTwoFactor,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.me() }),
  });
}

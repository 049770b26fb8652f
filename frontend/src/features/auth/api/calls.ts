/** The account calls (password reset and change, e-mail confirmation, the two-factor code),
 * through the one generated client. */
import { api, unwrap } from "@/lib/api";

export type MessageAnswer = { message: string };

export function passwordResetRequest(body: { email: string }) {
  return unwrap(api.POST("/api/v1/auth/password-reset/", { body }));
}

export function passwordResetConfirm(body: { uid: string; token: string; new_password: string }) {
  return unwrap(api.POST("/api/v1/auth/password-reset/confirm/", { body }));
}

export function passwordChange(body: { current_password: string; new_password: string }) {
  return unwrap(api.POST("/api/v1/auth/password-change/", { body }));
}

export function registerConfirm(body: { uid: string; token: string }) {
  return unwrap(api.POST("/api/v1/auth/register/confirm/", { body }));
}

export function loginTwoFactor(body: { code: string }) {
  return unwrap(api.POST("/api/v1/auth/login/two-factor/", { body }));
}

/** Login may answer `{"two_factor_required": true}` instead of the signed-in person. */
export function isTwoFactorRequired(answer: unknown): boolean {
  return typeof answer === "object" && answer !== null && "two_factor_required" in answer && answer.two_factor_required === true;
}

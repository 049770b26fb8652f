/**
 * Account calls whose endpoints are being built by the "auth" engineer and are not yet in this
 * branch's schema. Typed here by hand, from the agreed contract, in this ONE module: at merge,
 * switch each to the generated client (`api.POST(...)` through `unwrap`) and delete these types.
 *
 *   POST /api/v1/auth/password-reset/          {email}                      -> 202 {message}
 *   POST /api/v1/auth/password-reset/confirm/  {uid, token, new_password}   -> 200
 *   POST /api/v1/auth/password-change/         {current_password, new_password} -> 200
 *   POST /api/v1/auth/register/confirm/        {uid, token}                 -> 200 (signed in)
 *   POST /api/v1/auth/login/two-factor/        {code}                       -> 200 (signed in)
 */
import { toApiError } from "@/lib/api";
import { CSRF_HEADER, readCsrfToken } from "@/lib/csrf";

export type MessageAnswer = { message: string };

async function csrfToken(): Promise<string | null> {
  const existing = readCsrfToken();
  if (existing) return existing;
  await globalThis.fetch("/api/v1/auth/csrf/", { credentials: "same-origin" });
  return readCsrfToken();
}

async function post<T>(path: string, body: object): Promise<T> {
  const token = await csrfToken();
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers[CSRF_HEADER] = token;
  const response = await globalThis.fetch(path, { method: "POST", credentials: "same-origin", headers, body: JSON.stringify(body) });
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) throw toApiError(data, response);
  return data as T;
}

export function passwordResetRequest(body: { email: string }): Promise<MessageAnswer> {
  return post("/api/v1/auth/password-reset/", body);
}

export function passwordResetConfirm(body: { uid: string; token: string; new_password: string }): Promise<unknown> {
  return post("/api/v1/auth/password-reset/confirm/", body);
}

export function passwordChange(body: { current_password: string; new_password: string }): Promise<unknown> {
  return post("/api/v1/auth/password-change/", body);
}

export function registerConfirm(body: { uid: string; token: string }): Promise<unknown> {
  return post("/api/v1/auth/register/confirm/", body);
}

export function loginTwoFactor(body: { code: string }): Promise<unknown> {
  return post("/api/v1/auth/login/two-factor/", body);
}

/** Login may answer `{"two_factor_required": true}` instead of the signed-in person. */
export function isTwoFactorRequired(answer: unknown): boolean {
  return typeof answer === "object" && answer !== null && "two_factor_required" in answer && answer.two_factor_required === true;
}

/**
 * The one typed API client. Types come from src/lib/api-types.ts, generated from the backend's
 * OpenAPI schema (`make frontend-client`); never write response types by hand.
 */
import createClient, { type Middleware } from "openapi-fetch";

import type { components, paths } from "./api-types";
import { CSRF_HEADER, csrfToken, forgetCsrfToken, isSafeMethod, rotatesCsrfToken } from "./csrf";

export type Schemas = components["schemas"];
/** The API's error body; `code` also takes the client's own codes ("network", "unexpected"). */
export type ApiErrorBody = Omit<Schemas["Error"], "code"> & { code: Schemas["Error"]["code"] | ClientErrorCode };
/** Codes the web app gives failures that never reached the API or came back unreadable. */
export type ClientErrorCode = "network" | "unexpected";
/** Messages for each field, as the API sends them in `fields` (a list of strings per field). */
export type FieldErrors = Record<string, string[]>;

/** Every failed API call throws this: the API's `{message, code, fields}` and the status. */
export class ApiError extends Error {
  readonly code: string;
  readonly fields: FieldErrors;
  readonly status: number;

  constructor(body: ApiErrorBody, status: number) {
    super(body.message);
    this.name = "ApiError";
    this.code = body.code;
    this.fields = normaliseFields(body.fields);
    this.status = status;
  }
}

function normaliseFields(fields: ApiErrorBody["fields"] | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (Array.isArray(value)) out[name] = value.map(String);
    else if (typeof value === "string") out[name] = [value];
    else if (value && typeof value === "object") out[name] = [Object.values(value).flat().map(String).join(" ")];
  }
  return out;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === "object" && value !== null && "message" in value && "code" in value;
}

/** Turns whatever came back from a failed call into an ApiError. */
export function toApiError(error: unknown, response: Response): ApiError {
  if (isErrorBody(error)) return new ApiError(error, response.status);
  return new ApiError(
    { message: "Something went wrong. Try again in a few minutes.", code: "unexpected", fields: {} },
    response.status,
  );
}

/** Each write as it was sent, so one refused for a stale CSRF token can be sent once more. */
const sentWrites = new WeakMap<Request, Request>();

async function refusedForCsrf(response: Response): Promise<boolean> {
  if (response.status !== 403) return false;
  try {
    const body = (await response.clone().json()) as { message?: unknown };
    return typeof body.message === "string" && body.message.includes("CSRF");
  } catch {
    return false;
  }
}

const csrf: Middleware = {
  async onRequest({ request }) {
    if (isSafeMethod(request.method)) return request;
    const token = await csrfToken();
    if (token) request.headers.set(CSRF_HEADER, token);
    sentWrites.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (isSafeMethod(request.method)) return response;
    if (rotatesCsrfToken(new URL(request.url).pathname, response.status)) forgetCsrfToken();
    const again = sentWrites.get(request);
    sentWrites.delete(request);
    // The token held in memory was older than the cookie (cookies cleared, another tab signed
    // in): ask for the current one and send the write once more.
    if (again && (await refusedForCsrf(response))) {
      const token = await csrfToken();
      if (token) again.headers.set(CSRF_HEADER, token);
      return globalThis.fetch(again);
    }
    return response;
  },
};

// The API is on the same site as the app (Django serves both): absolute, so Request accepts it.
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: "same-origin",
  fetch: (request) => globalThis.fetch(request),
});
api.use(csrf);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a call, or an ApiError thrown: for query and mutation functions. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  return data as T;
}

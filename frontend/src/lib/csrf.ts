/**
 * Django's CSRF token, sent back as `X-CSRFToken` on every write. The cookie is HttpOnly (scripts
 * cannot read it), so the token comes from `GET /api/v1/auth/csrf/` and is kept in memory until
 * Django rotates it (signing in or out) or a write is refused.
 */
export const CSRF_HEADER = "X-CSRFToken";
export const CSRF_URL = "/api/v1/auth/csrf/";

let cached: string | null = null;

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** The `csrftoken` cookie, where a deployment leaves it readable (Django's default). */
export function readCsrfCookie(cookies: string = document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "csrftoken") return decodeURIComponent(rest.join("="));
  }
  return null;
}

export async function csrfToken(fetcher: Fetch = (input, init) => globalThis.fetch(input, init)): Promise<string | null> {
  if (cached) return cached;
  const readable = readCsrfCookie();
  if (readable) return readable;
  try {
    const response = await fetcher(CSRF_URL, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return null;
    const body = (await response.json()) as { csrf_token?: unknown };
    cached = typeof body.csrf_token === "string" ? body.csrf_token : null;
  } catch {
    // No token to hand: the write goes without one and Django answers 403, which the page shows.
    cached = null;
  }
  return cached;
}

/** Forget the token: Django gives a new one when someone signs in or out. */
export function forgetCsrfToken(): void {
  cached = null;
}

/** Answers after which the token held in memory is no longer the one Django expects. */
export function rotatesCsrfToken(path: string, status: number): boolean {
  if (status === 403) return true;
  return /\/api\/v1\/auth\/(login|logout|register\/confirm|login\/two-factor|password-reset\/confirm)\/$/.test(path);
}

export function isSafeMethod(method: string): boolean {
  return ["GET", "HEAD", "OPTIONS", "TRACE"].includes(method.toUpperCase());
}

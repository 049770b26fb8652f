/** Django's CSRF token: the `csrftoken` cookie, sent back as `X-CSRFToken` on every write. */
export const CSRF_COOKIE = "csrftoken";
export const CSRF_HEADER = "X-CSRFToken";

export function readCsrfToken(cookies: string = document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function isSafeMethod(method: string): boolean {
  return ["GET", "HEAD", "OPTIONS", "TRACE"].includes(method.toUpperCase());
}

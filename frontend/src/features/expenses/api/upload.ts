import { ApiError } from "@/lib/api";
import { CSRF_HEADER, csrfToken } from "@/lib/csrf";

export type UploadProgress = { loaded: number; total: number };

/**
 * POST a multipart form with XMLHttpRequest, because fetch cannot report upload progress.
 * Resolves with the JSON answer; rejects with an ApiError in the API's one error shape.
 */
export function postWithProgress<T>(
  url: string,
  body: FormData,
  onProgress: (progress: UploadProgress) => void,
  headers: Record<string, string> = {},
): Promise<T> {
  return csrfToken().then((token) => send<T>(url, body, onProgress, headers, token));
}

function send<T>(
  url: string,
  body: FormData,
  onProgress: (progress: UploadProgress) => void,
  headers: Record<string, string>,
  token: string | null,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.withCredentials = true;
    request.setRequestHeader("Accept", "application/json");
    if (token) request.setRequestHeader(CSRF_HEADER, token);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    request.onload = () => {
      let answer: unknown = null;
      try {
        answer = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        answer = null;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(answer as T);
        return;
      }
      if (answer && typeof answer === "object" && "message" in answer && "code" in answer) {
        reject(new ApiError(answer as ConstructorParameters<typeof ApiError>[0], request.status));
        return;
      }
      const message =
        request.status === 413
          ? "The files are too large to send together. Send fewer or smaller receipts."
          : "Something went wrong. Try again in a few minutes.";
      reject(new ApiError({ message, code: request.status === 413 ? "request_too_large" : "unexpected", fields: {} }, request.status));
    };
    request.onerror = () =>
      reject(
        new ApiError(
          { message: "The claim could not be sent. Check your internet connection and try again.", code: "network", fields: {} },
          0,
        ),
      );
    request.send(body);
  });
}

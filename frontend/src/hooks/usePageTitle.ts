import { useEffect } from "react";

export const SERVICE_NAME = "Coproduce";

export function pageTitle(page: string, hasErrors = false): string {
  return `${hasErrors ? "Error: " : ""}${page} – ${SERVICE_NAME}`;
}

/** Every page's title names the page and the service: "Sign in – Coproduce". */
export function usePageTitle(page: string, hasErrors = false): void {
  useEffect(() => {
    document.title = pageTitle(page, hasErrors);
  }, [page, hasErrors]);
}

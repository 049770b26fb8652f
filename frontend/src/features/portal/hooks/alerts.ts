import type { Alert } from "../api/portal";

export type Resolution = { at: string; reason: string };

/** When and why an alert stopped being true, once the API sends it (`resolved_at` and
 * `resolved_reason`); null while the alert still holds. */
export function resolutionOf(alert: Alert): Resolution | null {
  const record = alert as unknown as Record<string, unknown>;
  const at = record.resolved_at;
  if (typeof at !== "string" || at === "") return null;
  const reason = typeof record.resolved_reason === "string" ? record.resolved_reason : "";
  return { at, reason };
}

export type AlertState = "resolved" | "new" | "seen";

export function alertState(alert: Alert): AlertState {
  if (resolutionOf(alert)) return "resolved";
  return alert.acknowledged_at ? "seen" : "new";
}

/** Current alerts first (new before seen), then those that no longer hold. */
export function sortAlerts(alerts: Alert[]): Alert[] {
  const rank: Record<AlertState, number> = { new: 0, seen: 1, resolved: 2 };
  return [...alerts].sort((a, b) => rank[alertState(a)] - rank[alertState(b)] || b.created_at.localeCompare(a.created_at));
}

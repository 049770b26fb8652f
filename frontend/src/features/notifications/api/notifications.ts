import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Notification = Schemas["NotificationOutput"];
export type Preferences = Schemas["NotificationPreference"];

export const notificationKeys = {
  all: ["notifications"] as const,
  list: () => [...notificationKeys.all, "list"] as const,
  unread: () => [...notificationKeys.all, "unread"] as const,
  preferences: () => [...notificationKeys.all, "preferences"] as const,
};

export const notificationsQuery = () =>
  queryOptions({
    queryKey: notificationKeys.list(),
    queryFn: () => unwrap(api.GET("/api/v1/notifications/", { params: { query: { page_size: 50 } } })),
  });

/** How many notifications are not read yet: the count of the first page of unread ones. */
export const unreadCountQuery = () =>
  queryOptions({
    queryKey: notificationKeys.unread(),
    queryFn: async () => (await unwrap(api.GET("/api/v1/notifications/", { params: { query: { unread: true, page_size: 1 } } }))).count,
    staleTime: 60_000,
  });

export const preferencesQuery = () =>
  queryOptions({
    queryKey: notificationKeys.preferences(),
    queryFn: () => unwrap(api.GET("/api/v1/me/notification-preferences/")),
  });

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST("/api/v1/notifications/{notification_id}/read/", { params: { path: { notification_id: id } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: notificationKeys.list() }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.unread() }),
      ]),
  });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["NotificationPreferenceRequest"]) => unwrap(api.PUT("/api/v1/me/notification-preferences/", { body })),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences(), saved),
  });
}

/** Who a kind of notification is for: contributors, or the staff of an organisation. */
export type Audience = "contributor" | "organisation";

/** The kinds of e-mail Coproduce sends (the `kind` of each notification), in plain words. */
export const EMAIL_KINDS: { kind: string; label: string; hint: string; audience: Audience }[] = [
  { kind: "threshold_alert", label: "When you are close to a limit or go over it", hint: "So you can act before it affects your benefits.", audience: "contributor" },
  { kind: "application_accepted", label: "When an organisation gives you a place on a role", hint: "", audience: "contributor" },
  { kind: "application_declined", label: "When an organisation says no to your application", hint: "With what they said, if they wrote a message.", audience: "contributor" },
  { kind: "session_booked", label: "When you are booked on sessions, with calendar files", hint: "", audience: "contributor" },
  { kind: "session_moved", label: "When a session you are booked on is moved", hint: "", audience: "contributor" },
  { kind: "session_cancelled", label: "When a session you are booked on is cancelled", hint: "", audience: "contributor" },
  { kind: "session_reminder", label: "A reminder the day before a session you are booked on", hint: "", audience: "contributor" },
  { kind: "fee_approved", label: "When a fee for your work is approved", hint: "", audience: "contributor" },
  { kind: "fee_paid", label: "When you are paid a fee or an expense", hint: "", audience: "contributor" },
  { kind: "expense_claim_decided", label: "When an organisation has decided on your expense claim", hint: "", audience: "contributor" },
  { kind: "letter_issued", label: "When a letter you asked for is ready", hint: "", audience: "contributor" },
  { kind: "application_received", label: "When someone applies for a role", hint: "For coordinators, admins and owners.", audience: "organisation" },
  { kind: "finance_digest", label: "Once a day, what is waiting for finance", hint: "Expense claims to decide and payments to approve or pay. For finance officers, admins and owners.", audience: "organisation" },
  { kind: "letter_requested", label: "When a contributor asks for a letter", hint: "For admins and owners.", audience: "organisation" },
  { kind: "headroom_warning", label: "When someone you pay is close to a limit", hint: "Only for people who chose to share this.", audience: "organisation" },
];

/** The kinds a person can get: contributors get theirs, an organisation's staff get theirs. */
export function emailKindsFor(audience: Audience) {
  return EMAIL_KINDS.filter((kind) => kind.audience === audience);
}

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

/** The kinds of e-mail Coproduce sends (the `kind` of each notification), in plain words. */
export const EMAIL_KINDS: { kind: string; label: string; hint: string }[] = [
  { kind: "threshold_alert", label: "When you are close to a limit or go over it", hint: "So you can act before it affects your benefits." },
  { kind: "letter_issued", label: "When a letter you asked for is ready", hint: "" },
  { kind: "headroom_warning", label: "When someone you pay is close to a limit (for organisations)", hint: "" },
];

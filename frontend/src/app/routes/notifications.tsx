import { NotificationsPage } from "@/features/notifications/components/NotificationsPage";

export function Component() {
  return <NotificationsPage />;
}

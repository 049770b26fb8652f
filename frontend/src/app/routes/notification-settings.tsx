import { NotificationSettingsPage } from "@/features/notifications/components/NotificationSettingsPage";

export function Component() {
  return <NotificationSettingsPage />;
}

import { useQuery } from "@tanstack/react-query";
import { Outlet } from "react-router";

import { PageLayout, type NavItem } from "@/components/PageLayout";
import { useSession, type Me } from "@/features/auth/api/session";
import { unreadCountQuery } from "@/features/notifications/api/notifications";

const PUBLIC_NAVIGATION: NavItem[] = [
  { to: "/", label: "Home" },
  { to: "/opportunities", label: "Find a role" },
  { to: "/sign-in", label: "Sign in" },
  { to: "/register", label: "Create an account" },
];

function notificationsItem(unread: number | undefined): NavItem {
  return {
    to: "/me/notifications",
    label: "Notifications",
    badge: unread ? { text: String(unread), label: unread === 1 ? "1 not read" : `${unread} not read` } : undefined,
  };
}

/** The contributor portal's pages, with how many notifications are waiting. */
export function portalNavigation(unread: number | undefined): NavItem[] {
  return [
    { to: "/me/", label: "Dashboard" },
    { to: "/me/earnings", label: "Earnings" },
    { to: "/me/roles", label: "Roles" },
    { to: "/me/expenses", label: "Expenses" },
    { to: "/me/letters", label: "Letters" },
    notificationsItem(unread),
    { to: "/me/account", label: "Account" },
    { to: "/sign-out", label: "Sign out" },
  ];
}

/** An organisation member's menu: their first organisation, their notifications, their account. */
export function staffNavigation(me: Me, unread: number | undefined): NavItem[] {
  const first = me.memberships[0];
  return [
    ...(first ? [{ to: `/organisations/${first.organisation_id}/`, label: "Overview" }] : []),
    notificationsItem(unread),
    { to: "/change-password", label: "Change password" },
    { to: "/sign-out", label: "Sign out" },
  ];
}

function navigationFor(me: Me | null | undefined, unread: number | undefined): NavItem[] {
  if (!me) return PUBLIC_NAVIGATION;
  return me.account_type === "contributor" ? portalNavigation(unread) : staffNavigation(me, unread);
}

/** Every page: the layout, with navigation for who is signed in. */
export function AppLayout() {
  const { data: me } = useSession();
  const unread = useQuery({ ...unreadCountQuery(), enabled: Boolean(me) });
  return (
    <PageLayout navigation={navigationFor(me, unread.data)}>
      <Outlet />
    </PageLayout>
  );
}
